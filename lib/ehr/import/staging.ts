// Per-kind staging tables: records arrive here by COPY, in reading order (seq), with the
// file:line they came from, and are merged into the real tables in SQL at the end. TEMP and
// ON COMMIT DROP: they live and die with the import's transaction.
import type {
  ConceptRecord,
  EncounterRecord,
  EventRecord,
  ImportRecord,
  PatientRecord,
  RecordOrigin,
} from "../import-record";
import { ImportError } from "../import-record";
import { copyInteger, copyJson, copyNumber, copyText, copyTime, NulCharacterError } from "./copy-format";

export type StageName = "stage_concept" | "stage_patient" | "stage_encounter" | "stage_event";

type StageTable = { name: StageName; columns: string[]; types: string[] };

function table(name: StageName, definition: [string, string][]): StageTable {
  const all: [string, string][] = [
    ["seq", "bigint NOT NULL"],
    ["origin_file", "text"],
    ["origin_line", "integer"],
    ...definition,
  ];
  return { name, columns: all.map(([column]) => column), types: all.map(([, type]) => type) };
}

export const STAGES: Record<ImportRecord["kind"], StageTable> = {
  concept: table("stage_concept", [
    ["system", "text NOT NULL"],
    ["code", "text NOT NULL"],
    ["label", "text NOT NULL"],
    ["attributes", "jsonb NOT NULL"],
  ]),
  patient: table("stage_patient", [
    ["external_id", "text NOT NULL"],
    ["name", "text"],
    ["gender", "text"],
    ["birth_date", "timestamp(3)"],
    ["anchor_age", "integer"],
    ["anchor_year", "integer"],
    ["death_time", "timestamp(3)"],
    ["demographics", "jsonb NOT NULL"],
  ]),
  encounter: table("stage_encounter", [
    ["patient_external_id", "text NOT NULL"],
    ["kind", "text NOT NULL"],
    ["external_id", "text NOT NULL"],
    ["parent_external_id", "text"],
    ["start", "timestamp(3) NOT NULL"],
    ["end_time", "timestamp(3)"],
    ["attributes", "jsonb NOT NULL"],
    ["provenance", "text NOT NULL"],
  ]),
  event: table("stage_event", [
    ["patient_external_id", "text NOT NULL"],
    ["encounter_external_id", "text"],
    ["time", "timestamp(3) NOT NULL"],
    ["end_time", "timestamp(3)"],
    ["category", "text NOT NULL"],
    ["source_table", "text NOT NULL"],
    ["code_system", "text"],
    ["code", "text"],
    ["label", "text NOT NULL"],
    ["value_num", "double precision"],
    ["unit", "text"],
    ["value_text", "text"],
    ["ref_low", "double precision"],
    ["ref_high", "double precision"],
    ["flag", "text"],
    ["attributes", "jsonb NOT NULL"],
    ["provenance", "text NOT NULL"],
    ["source_row", "integer"],
  ]),
};

/**
 * The staged columns the merge joins, groups or sorts on (merge.ts): the only ones whose
 * statistics the planner uses. ANALYZE skips the others (STATISTICS 0): sampling the JSONB
 * attributes and the free text took a second of a 50,000-event patient's ten to materialize.
 */
const PLANNED_COLUMNS = new Set([
  "system",
  "code",
  "external_id",
  "patient_external_id",
  "parent_external_id",
  "encounter_external_id",
  "kind",
  "category",
  "time",
  "provenance",
]);

export function createStagingSql(): string[] {
  return Object.values(STAGES).flatMap((stage) => {
    const unplanned = stage.columns.filter((column) => !PLANNED_COLUMNS.has(column));
    return [
      `CREATE TEMP TABLE ${stage.name} (${stage.columns.map((column, i) => `"${column}" ${stage.types[i]}`).join(", ")}) ON COMMIT DROP`,
      `ALTER TABLE ${stage.name} ${unplanned.map((column) => `ALTER COLUMN "${column}" SET STATISTICS 0`).join(", ")}`,
    ];
  });
}

export function copySql(stage: StageTable): string {
  return `COPY ${stage.name} (${stage.columns.map((column) => `"${column}"`).join(", ")}) FROM STDIN`;
}

function values(record: ImportRecord): string[] {
  switch (record.kind) {
    case "concept":
      return conceptValues(record);
    case "patient":
      return patientValues(record);
    case "encounter":
      return encounterValues(record);
    case "event":
      return eventValues(record);
  }
}

function conceptValues(r: ConceptRecord): string[] {
  return [copyText(r.system), copyText(r.code), copyText(r.label), copyJson(r.attributes)];
}

function patientValues(r: PatientRecord): string[] {
  return [
    copyText(r.externalId),
    copyText(r.name),
    copyText(r.gender),
    copyTime(r.birthDate),
    copyInteger(r.anchorAge),
    copyInteger(r.anchorYear),
    copyTime(r.deathTime),
    copyJson(r.demographics),
  ];
}

function encounterValues(r: EncounterRecord): string[] {
  return [
    copyText(r.patientExternalId),
    copyText(r.encounterKind),
    copyText(r.externalId),
    copyText(r.parentExternalId),
    copyTime(r.start),
    copyTime(r.end),
    copyJson(r.attributes),
    copyText(r.provenance),
  ];
}

function eventValues(r: EventRecord): string[] {
  return [
    copyText(r.patientExternalId),
    copyText(r.encounterExternalId),
    copyTime(r.time),
    copyTime(r.endTime),
    copyText(r.category),
    copyText(r.sourceTable),
    copyText(r.codeSystem),
    copyText(r.code),
    copyText(r.label),
    copyNumber(r.valueNum),
    copyText(r.unit),
    copyText(r.valueText),
    copyNumber(r.refLow),
    copyNumber(r.refHigh),
    copyText(r.flag),
    copyJson(r.attributes),
    copyText(r.provenance),
    copyInteger(r.sourceRow),
  ];
}

function describe(record: ImportRecord): string {
  return "provenance" in record ? record.provenance : record.kind === "patient" ? record.externalId : record.code;
}

/** One COPY line (with its newline) for a record; a value PostgreSQL cannot store is fatal. */
export function stagingLine(record: ImportRecord, seq: number): string {
  const origin: RecordOrigin | undefined = record.origin;
  try {
    return `${seq}\t${copyText(origin?.file)}\t${copyInteger(origin?.line)}\t${values(record).join("\t")}\n`;
  } catch (error) {
    if (error instanceof NulCharacterError || error instanceof RangeError) {
      const reason = error instanceof NulCharacterError ? error.message : "has an invalid date";
      if (origin) throw new ImportError(`row ${reason}`, origin.file, origin.line);
      throw new ImportError(`${record.kind} ${describe(record)} ${reason}`);
    }
    throw error;
  }
}
