// The slice of a patient's record that the model library reads. Structurally compatible with
// the Prisma rows (Patient, Encounter, Event) so callers pass query results straight in, but
// kept as plain types so everything here stays pure and testable without a database.
import type { EncounterKind } from "../generated/prisma/enums";

export type RecordPatient = {
  id?: string;
  gender?: string | null;
  /** MIMIC-IV's anchor_age; FHIR patients have a birthDate instead. */
  anchorAge?: number | null;
  birthDate?: Date | null;
  deathTime?: Date | null;
  demographics?: unknown;
};

export type RecordEncounter = {
  id: string;
  kind: EncounterKind;
  externalId?: string;
  /** An ICU stay names its admission. */
  parentId?: string | null;
  start: Date;
  end?: Date | null;
  /** admission_type, deathtime, hospital_expire_flag, careunit... as the source row said. */
  attributes?: unknown;
};

export type RecordEvent = {
  id: bigint | number | string;
  encounterId?: string | null;
  time: Date;
  endTime?: Date | null;
  category?: string;
  /** MIMIC-IV table (labevents, prescriptions...) or FHIR resource type. */
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
  /** The source row's columns by their official MIMIC-IV names, as strings. */
  attributes?: unknown;
  /** 0-based data row in its MIMIC-IV file (file order); absent for FHIR. */
  sourceRow?: number | null;
};

const HOUR_MS = 3_600_000;
export const hours = (n: number) => n * HOUR_MS;
export const days = (n: number) => n * 24 * HOUR_MS;

/** Event ids leave this library as strings: bigint does not survive JSON. */
export function eventIdString(event: Pick<RecordEvent, "id">): string {
  return String(event.id);
}

/** One attribute of a row (event or encounter) as the importer stored it; undefined if absent. */
export function attribute(row: { attributes?: unknown }, key: string): unknown {
  const attributes = row.attributes;
  if (!attributes || typeof attributes !== "object" || Array.isArray(attributes)) return undefined;
  return (attributes as Record<string, unknown>)[key];
}

/** An attribute as non-empty trimmed text; MIMIC-IV CSVs write a missing value as "". */
export function attributeText(row: { attributes?: unknown }, key: string): string | undefined {
  const value = attribute(row, key);
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text ? text : undefined;
}

/** Compare event ids without assuming their runtime type (bigint from Prisma, numbers in tests). */
export function compareEventIds(a: RecordEvent["id"], b: RecordEvent["id"]): number {
  try {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  } catch {
    return String(a).localeCompare(String(b));
  }
}

/** Events in time order, ties in id order (import order = source row order). */
export function sortEvents<T extends RecordEvent>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.time.getTime() - b.time.getTime() || compareEventIds(a.id, b.id));
}

export function admissionsOf(encounters: readonly RecordEncounter[]): RecordEncounter[] {
  return encounters.filter((e) => e.kind === "admission").sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The admission an event belongs to: by encounter (directly or via an ICU stay), else by time. */
export function belongsToAdmission(
  event: RecordEvent,
  admission: RecordEncounter,
  encounters: readonly RecordEncounter[],
): boolean {
  if (event.encounterId) {
    if (event.encounterId === admission.id) return true;
    const encounter = encounters.find((e) => e.id === event.encounterId);
    return encounter?.parentId === admission.id;
  }
  const t = event.time.getTime();
  return t >= admission.start.getTime() && (!admission.end || t <= admission.end.getTime());
}

/** The admission in progress at `time`, else the latest one that started before it. */
export function admissionAt(encounters: readonly RecordEncounter[], time: Date): RecordEncounter | undefined {
  const t = time.getTime();
  const admissions = admissionsOf(encounters);
  const containing = admissions.filter((a) => a.start.getTime() <= t && (!a.end || a.end.getTime() >= t));
  if (containing.length) return containing[containing.length - 1];
  return admissions.filter((a) => a.start.getTime() <= t).pop();
}

/** MIMIC-IV prints times as "YYYY-MM-DD HH:MM:SS"; stored times are UTC (shifted years kept). */
export function formatTimestamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}
