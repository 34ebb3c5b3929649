// The normalized records every importer (MIMIC-IV, FHIR) yields and the one import writer
// consumes. Times are UTC Date objects; MIMIC-IV's shifted times are kept as they are.
import type { EncounterKind, EventCategory } from "../generated/prisma/enums";

/** The file and line a record was read from, so the writer can report a row it refuses. */
export type RecordOrigin = { file: string; line: number };

export type PatientRecord = {
  kind: "patient";
  externalId: string;
  name?: string | null;
  gender?: string | null;
  birthDate?: Date | null;
  anchorAge?: number | null;
  anchorYear?: number | null;
  deathTime?: Date | null;
  demographics?: Record<string, unknown>;
  origin?: RecordOrigin;
};

export type EncounterRecord = {
  kind: "encounter";
  patientExternalId: string;
  encounterKind: EncounterKind;
  externalId: string;
  /** An ICU stay names its admission. */
  parentExternalId?: string | null;
  start: Date;
  end?: Date | null;
  attributes?: Record<string, unknown>;
  provenance: string;
  origin?: RecordOrigin;
};

export type EventRecord = {
  kind: "event";
  patientExternalId: string;
  /** hadm_id / FHIR Encounter id of the encounter it belongs to, when known. */
  encounterExternalId?: string | null;
  time: Date;
  endTime?: Date | null;
  category: EventCategory;
  sourceTable: string;
  codeSystem?: string | null;
  code?: string | null;
  label: string;
  valueNum?: number | null;
  unit?: string | null;
  valueText?: string | null;
  refLow?: number | null;
  refHigh?: number | null;
  flag?: string | null;
  /** The source row's remaining columns (official names), for the EHR-R1 serializer. */
  attributes?: Record<string, unknown>;
  /** table:row-key or ResourceType/id; unique per patient, makes re-imports idempotent. */
  provenance: string;
  /** The 0-based data row of a CSV source: the authors' pipeline keeps rows in file order. */
  sourceRow?: number | null;
  origin?: RecordOrigin;
};

/** A dictionary entry (d_labitems, d_items, d_icd_*). */
export type ConceptRecord = {
  kind: "concept";
  system: string;
  code: string;
  label: string;
  attributes?: Record<string, unknown>;
  origin?: RecordOrigin;
};

export type ImportRecord = PatientRecord | EncounterRecord | EventRecord | ConceptRecord;

/** A row the importer refused, reported as file:line with the reason. */
export type Rejection = { file: string; line: number; reason: string };

export type ImportSource = "mimic-iv" | "fhir";

/** A problem that stops the whole import (nothing lands): names the file and line. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(file ? `${file}${line ? `:${line}` : ""}: ${message}` : message);
    this.name = "ImportError";
  }
}

/** What a reader (MIMIC-IV or FHIR) is given besides its paths. */
export type ReadContext = {
  /** Only these patients (subject_id / Patient.id), when set (`--patients`). */
  patients?: ReadonlySet<string>;
  /** A row refused but not fatal (reported as file:line with the reason). */
  reject: (rejection: Rejection) => void;
  /** Something skipped on purpose and counted (e.g. an unsupported FHIR resource type). */
  skip: (what: string) => void;
  /** Bytes of input consumed so far, for progress (rows/s, ETA). */
  progress?: (bytesRead: number, bytesTotal: number) => void;
  /**
   * Longest single record (CSV row, NDJSON line) a reader accepts before failing the import;
   * guards memory against a broken quote or a runaway line. Readers pick a default when unset.
   */
  maxRecordBytes?: number;
};

/** A reader turns files into normalized records, streaming. Throws ImportError when fatal. */
export type ImportReader = (paths: string[], context: ReadContext) => AsyncIterable<ImportRecord>;
