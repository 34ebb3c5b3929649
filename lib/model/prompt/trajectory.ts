// A patient's record as the EHR-R1 authors' pipeline lays it out before any task sees it: every
// table's rows merged into one ordered list (preprocess/rank.py), then cut into "events", each a
// run of consecutive rows of one table headed by its first row's time (preprocess/combination.py).
// Task windows are index ranges of this list (sample-window.ts), so the order here decides what
// a prompt holds. Each rule below cites the step of theirs it reproduces.
import {
  attribute,
  compareEventIds,
  eventIdString,
  formatTimestamp,
  type RecordEncounter,
  type RecordEvent,
  type RecordPatient,
} from "../record";
import { pandasChunkOf, type PandasDtype, type TableDtypes } from "./pandas-values";
import { resolveTableKey } from "./mimic-tables";

/** rank.py time_field_map: the column that times each table's rows. */
export const TIME_FIELD: Readonly<Record<string, string>> = {
  omr: "chartdate",
  pharmacy: "entertime",
  poe: "ordertime",
  procedures_icd: "chartdate",
  prescriptions: "starttime",
  services: "transfertime",
  labevents: "charttime",
  microbiologyevents: "charttime",
  admissions: "admittime",
  transfers: "intime",
  emar: "charttime",
  discharge: "charttime",
  radiology: "charttime",
  edstays: "intime",
  triage: "charttime",
  medrecon: "charttime",
  pyxis: "charttime",
  vitalsign: "charttime",
  diagnosis: "charttime",
  icustays: "intime",
  chartevents: "charttime",
  ingredientevents: "starttime",
  datetimeevents: "charttime",
  procedureevents: "starttime",
  inputevents: "starttime",
  outputevents: "charttime",
};

/** Tables rank.py times by a date alone (read as midnight). */
const DATE_ONLY = new Set(["omr", "procedures_icd"]);

/** merge_patient.py reads hosp, ed, icu, note; rank.py concatenates hosp, note, ed, icu. */
const MODULE_RANK: Record<string, number> = { hosp: 0, note: 1, ed: 2, icu: 3 };
const NOTE_TABLES = new Set(["discharge", "radiology"]);
const ED_TABLES = ["edstays", "triage", "medrecon", "pyxis", "vitalsign", "diagnosis"];
const ICU_TABLES = new Set([
  "icustays",
  "chartevents",
  "datetimeevents",
  "ingredientevents",
  "inputevents",
  "outputevents",
  "procedureevents",
]);

/**
 * Within a module, merge_patient.py takes the CSV files in `os.listdir` order: the file system's,
 * which their code leaves unspecified. We take them alphabetically; it decides only the order of
 * same-time rows of different tables (see the README's fidelity table).
 */
function moduleOf(table: string): number {
  if (NOTE_TABLES.has(table)) return MODULE_RANK.note;
  if (ED_TABLES.includes(table)) return MODULE_RANK.ed;
  if (ICU_TABLES.has(table)) return MODULE_RANK.icu;
  return MODULE_RANK.hosp;
}

/**
 * A hadm_id as rank.py compared it when placing timeless rows: the value pandas read, after a
 * JSON round trip. Integer columns and float columns (a hadm_id column with gaps) hold equal
 * numbers, and Python's `==` says 22595853 == 22595853.0; a missing id (NaN) equals nothing.
 */
type RankHadm = number | null;

export type TrajectoryRow = {
  table: string;
  /** The row; ICU stays and admissions made from encounters have ids starting "encounter:". */
  event: RecordEvent | null;
  /** rank.py's sort time in ms; null: a row it could not time (diagnoses, a missing time). */
  rankTime: number | null;
  rankHadm: RankHadm;
  /** combination.py's hadm_id: str(int(float(hadm_id))), or null. */
  hadm: string | null;
  /** Order keys within the module (rank.py's stable sorts over merge_patient.py's read order). */
  module: number;
  tableRank: number;
  sourceOrder: number;
  icuKey: [number, number, number];
};

export type TrajectoryEvent = {
  table: string;
  /** combination.py starttime: the first timed row's time, "YYYY-MM-DD HH:MM:SS", or null. */
  start: string | null;
  hadm: string | null;
  rows: TrajectoryRow[];
};

export type DtypeLookup = (table: string, sourceRow: number | null | undefined) => Record<string, PandasDtype> | null;

export function dtypeLookup(dtypes: ReadonlyMap<string, TableDtypes> | undefined): DtypeLookup {
  return (table, sourceRow) => {
    const chunks = dtypes?.get(table);
    if (!chunks || sourceRow === null || sourceRow === undefined) return null;
    return chunks[pandasChunkOf(sourceRow)] ?? null;
  };
}

/** "2180-05-06 22:23:00" (or a date alone where rank.py allows it) in ms, UTC; null if absent. */
function parseRankTime(raw: unknown, dateOnly: boolean): number | null {
  if (typeof raw !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(raw);
  if (!m) return null;
  if (!m[4] && !dateOnly) return null;
  if (m[4] && dateOnly) return null; // strptime(raw + " 00:00:00") fails on a full timestamp
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

function numericId(raw: unknown): number | null {
  if (raw === null || raw === undefined || raw === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

const normalizedHadm = (n: number | null) => (n === null ? null : String(Math.trunc(n)));

type RowInput = {
  table: string;
  event: RecordEvent;
  attributes: unknown;
  fallbackTime: Date | null;
  hadmFallback: string | null;
  sourceOrder: number;
};

function makeRow(input: RowInput, tableRanks: Map<string, number>): TrajectoryRow {
  const { table } = input;
  const field = TIME_FIELD[table];
  const raw = field ? attribute({ attributes: input.attributes }, field) : undefined;
  let rankTime = raw === undefined ? null : parseRankTime(raw, DATE_ONLY.has(table));
  // Rows that did not come from a MIMIC-IV CSV (FHIR) have no source columns: their event time.
  if (raw === undefined && input.fallbackTime) rankTime = input.fallbackTime.getTime();
  if (table === "diagnoses_icd" || table === "drgcodes") rankTime = null;
  const hadmRaw = attribute({ attributes: input.attributes }, "hadm_id") ?? input.hadmFallback;
  const rankHadm = numericId(hadmRaw);
  const hadm = rankHadm !== null ? normalizedHadm(rankHadm) : typeof hadmRaw === "string" ? hadmRaw : null;
  const stay = numericId(attribute({ attributes: input.attributes }, "stay_id")) ?? 0;
  return {
    table,
    event: input.event,
    rankTime,
    rankHadm: rankHadm ?? (typeof hadmRaw === "string" ? hashId(hadmRaw) : null),
    hadm,
    module: moduleOf(table),
    tableRank: tableRanks.get(table) ?? 0,
    sourceOrder: input.sourceOrder,
    icuKey: [rankHadm ?? 0, stay, table === "icustays" ? 0 : 1],
  };
}

// Non-numeric encounter ids (FHIR) still compare by identity.
const idHashes = new Map<string, number>();
function hashId(id: string): number {
  let n = idHashes.get(id);
  if (n === undefined) {
    n = -1 - idHashes.size;
    idHashes.set(id, n);
  }
  return n;
}

/** The admission an encounter belongs to (itself, or an ICU/ED stay's parent). */
function admissionIdOf(encounterId: string | null | undefined, encounters: readonly RecordEncounter[]): string | null {
  if (!encounterId) return null;
  const encounter = encounters.find((e) => e.id === encounterId);
  if (!encounter) return null;
  if (encounter.kind === "admission") return encounter.externalId ?? encounter.id;
  const parent = encounter.parentId ? encounters.find((e) => e.id === encounter.parentId) : undefined;
  return parent ? (parent.externalId ?? parent.id) : null;
}

export type TrajectoryInput = {
  patient: RecordPatient;
  encounters: readonly RecordEncounter[];
  events: readonly RecordEvent[];
};

/** rank.py's order of the patient's rows, before runs are formed. */
export function rankRows(input: TrajectoryInput): TrajectoryRow[] {
  const tables = new Set<string>();
  const inputs: RowInput[] = [];
  const sortedEvents = [...input.events].sort(
    (a, b) => (a.sourceRow ?? Infinity) - (b.sourceRow ?? Infinity) || compareEventIds(a.id, b.id),
  );
  sortedEvents.forEach((event, i) => {
    const table = resolveTableKey(event);
    tables.add(table);
    inputs.push({
      table,
      event,
      attributes: event.attributes,
      fallbackTime: event.sourceRow === null || event.sourceRow === undefined ? event.time : null,
      hadmFallback: admissionIdOf(event.encounterId, input.encounters),
      sourceOrder: i,
    });
  });
  // ICU stays are encounters here, rows of icu/icustays there (a header-only event); an
  // admission without its admissions row (FHIR, hand-built records) is made one from its encounter.
  const admitted = new Set(
    input.events.filter((e) => resolveTableKey(e) === "admissions").map((e) => admissionIdOf(e.encounterId, input.encounters)),
  );
  const stays = tables.has("icustays") ? [] : input.encounters.filter((e) => e.kind === "icu_stay");
  const admissions = input.encounters.filter((e) => e.kind === "admission" && !admitted.has(e.externalId ?? e.id));
  for (const encounter of [...admissions, ...stays]) {
    const table = encounter.kind === "icu_stay" ? "icustays" : "admissions";
    tables.add(table);
    const parent = encounter.parentId ? input.encounters.find((e) => e.id === encounter.parentId) : undefined;
    const hadm = encounter.kind === "admission" ? (encounter.externalId ?? encounter.id) : parent ? (parent.externalId ?? parent.id) : null;
    const attributes = {
      [TIME_FIELD[table]]: formatTimestamp(encounter.start),
      ...((encounter.attributes as Record<string, unknown> | null) ?? {}),
    };
    inputs.push({
      table,
      event: {
        id: `${SYNTHETIC_PREFIX}${encounter.id}`,
        encounterId: encounter.id,
        time: encounter.start,
        sourceTable: table,
        label: "",
        attributes,
      },
      attributes,
      fallbackTime: encounter.start,
      hadmFallback: hadm,
      sourceOrder: inputs.length,
    });
  }
  const tableRanks = new Map([...tables].sort().map((t, i) => [t, i]));
  const rows = inputs.map((r) => makeRow(r, tableRanks));

  // merge_patient.py order: module files alphabetically, rows in CSV order; rank.py then sorts
  // ICU rows by (hadm_id, stay_id, ICU stay first, time) before the final sort.
  const readOrder = (a: TrajectoryRow, b: TrajectoryRow) =>
    a.tableRank - b.tableRank || a.sourceOrder - b.sourceOrder;
  const hosp = rows.filter((r) => r.module === MODULE_RANK.hosp && r.table !== "patients").sort(readOrder);
  const note = rows.filter((r) => r.module === MODULE_RANK.note).sort((a, b) => cmpTime(a, b) || readOrder(a, b));
  const ed = rows.filter((r) => r.module === MODULE_RANK.ed).sort(readOrder);
  const icu = rows
    .filter((r) => r.module === MODULE_RANK.icu)
    .sort(
      (a, b) =>
        a.icuKey[0] - b.icuKey[0] ||
        a.icuKey[1] - b.icuKey[1] ||
        a.icuKey[2] - b.icuKey[2] ||
        cmpTime(a, b) ||
        readOrder(a, b),
    );
  // sort_hosp runs twice: on hosp.jsonl alone, then on hosp + note + ed + icu.
  return placeTimeless([...placeTimeless(hosp), ...note, ...ed, ...icu]);
}

const cmpTime = (a: TrajectoryRow, b: TrajectoryRow) => (a.rankTime ?? 0) - (b.rankTime ?? 0);

/**
 * rank.py sort_hosp: timed rows in a stable sort by time; then each timeless row is inserted
 * after the last row of its admission (diagnoses before DRG codes). A timeless row whose
 * admission it finds nowhere but at position 0 goes in at position 1 *and* at the end, as their
 * loop does.
 */
function placeTimeless(rows: readonly TrajectoryRow[]): TrajectoryRow[] {
  const timed: TrajectoryRow[] = [];
  const timeless: TrajectoryRow[] = [];
  for (const row of rows) (row.rankTime === null ? timeless : timed).push(row);
  const sorted = timed
    .map((row, i) => ({ row, i }))
    .sort((a, b) => a.row.rankTime! - b.row.rankTime! || a.i - b.i)
    .map((x) => x.row);
  for (const element of timeless) {
    let finalPosition = 0;
    if (element.rankHadm !== null) {
      for (let i = 0; i < sorted.length; i++) {
        const item = sorted[i];
        if (item.rankHadm !== element.rankHadm) continue;
        if (element.table === "diagnoses_icd" && item.table !== "drgcodes") finalPosition = i;
        else if (element.table === "drgcodes") finalPosition = i;
      }
    }
    sorted.splice(finalPosition + 1, 0, element);
    if (finalPosition === 0) sorted.push(element);
  }
  return sorted;
}

/** combination.py: consecutive rows of one table become one event, timed by its first row. */
export function buildTrajectory(input: TrajectoryInput): TrajectoryEvent[] {
  const patientRow: TrajectoryRow = {
    table: "patients",
    event: null,
    rankTime: null,
    rankHadm: null,
    hadm: null,
    module: 0,
    tableRank: 0,
    sourceOrder: -1,
    icuKey: [0, 0, 0],
  };
  const events: TrajectoryEvent[] = [{ table: "patients", start: null, hadm: null, rows: [patientRow] }];
  let current: TrajectoryEvent | null = null;
  for (const row of rankRows(input)) {
    const time = row.table === "diagnoses_icd" || row.table === "drgcodes" ? null : row.rankTime;
    if (!current || current.table !== row.table) {
      current = {
        table: row.table,
        start: time === null ? null : formatTimestamp(new Date(time)),
        hadm: row.hadm,
        rows: [row],
      };
      events.push(current);
    } else {
      current.rows.push(row);
      if (current.start === null && time !== null && row.table !== "diagnoses_icd" && row.table !== "drgcodes")
        current.start = formatTimestamp(new Date(time));
    }
  }
  return events;
}

const SYNTHETIC_PREFIX = "encounter:";

/** Event ids of a trajectory event's rows (rows made from encounters have none). */
export function trajectoryEventIds(event: TrajectoryEvent): string[] {
  return event.rows.flatMap((r) => {
    const id = r.event ? eventIdString(r.event) : "";
    return id && !id.startsWith(SYNTHETIC_PREFIX) ? [id] : [];
  });
}
