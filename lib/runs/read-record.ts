// The record slice a run reads, in the shapes lib/model takes (the Prisma rows' shapes: bigint
// event ids, Date times, parsed JSON), read with plain pg from whichever pool the caller holds:
// the app's (load-record.ts) or the preparation thread's own (preparation-worker.ts). Nothing
// here imports the app's Prisma client, so the worker's bundle stays small. Prisma converts
// every cell of every row on the main thread, which for a hundred runs starting at once over
// 50,000-event records held up the runs already streaming beside them; and Prisma reads a
// patient with its encounters in two round trips, here the three reads go at once.
import "server-only";
import pg from "pg";
import { isoFromPgTimestamp, pgTimestampParam, TIMESTAMP_OID } from "../ehr/queries/pg-timestamp";
import { NotFoundError } from "../http/errors";
import { COLUMN_TYPES_SYSTEM, columnTypesFromConcepts } from "../ehr/mimic-iv/column-types";
import type { TableDtypes } from "../model/prompt/pandas-values";
import { admissionAt, type RecordEncounter, type RecordEvent, type RecordPatient } from "../model/record";

export type RunRecord = {
  patient: RecordPatient;
  encounters: RecordEncounter[];
  events: RecordEvent[];
  /** The pandas column types of the MIMIC-IV files the events came from (see pandas-values.ts). */
  columnTypes?: Map<string, TableDtypes>;
};

/** What the reads need of a pool (pg.Pool, or a client). */
export type Queryable = Pick<pg.Pool, "query">;

const INT8_OID = 20;

/**
 * pg's own parsers (float8, int4, jsonb…) except `timestamp`, a UTC time by the schema's
 * convention (pg's would read it in the process's zone), and `int8`, a bigint as Prisma gives.
 */
const RECORD_TYPES = {
  getTypeParser: (oid: number, format?: "text" | "binary") => {
    if (format === "binary") return pg.types.getTypeParser(oid, format);
    if (oid === TIMESTAMP_OID) return (text: string) => new Date(isoFromPgTimestamp(text));
    if (oid === INT8_OID) return (text: string) => BigInt(text);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

async function select<Row extends pg.QueryResultRow>(pool: Queryable, text: string, values: unknown[]): Promise<Row[]> {
  const { rows } = await pool.query<Row>({ text, values, types: RECORD_TYPES });
  return rows;
}

const PATIENT = `
  SELECT id, gender, "anchorAge", "birthDate", "deathTime", demographics
  FROM patient WHERE id = $1`;

const ENCOUNTERS = `
  SELECT id, kind::text AS kind, "externalId", "parentId", start, "end", attributes
  FROM encounter WHERE "patientId" = $1
  ORDER BY start`;

const EVENT_COLUMNS = `id, "encounterId", time, "endTime", category::text AS category, "sourceTable", "codeSystem",
  code, label, "valueNum", unit, "valueText", "refLow", "refHigh", flag, attributes, "sourceRow"`;

/** The patient and all their encounters (a handful of rows), without events. */
export async function readPatientRecord(pool: Queryable, patientId: string): Promise<Omit<RunRecord, "events">> {
  const [[patient], encounters] = await Promise.all([
    select<RecordPatient>(pool, PATIENT, [patientId]),
    select<RecordEncounter>(pool, ENCOUNTERS, [patientId]),
  ]);
  if (!patient) throw new NotFoundError("Patient");
  return { patient, encounters };
}

/** Events with `from <= time <= to` in time order (either bound optional). */
export function readEvents(
  pool: Queryable,
  patientId: string,
  range: { from?: Date; to?: Date },
): Promise<RecordEvent[]> {
  const values: unknown[] = [patientId];
  const where = ['"patientId" = $1'];
  if (range.from) where.push(`time >= $${values.push(pgTimestampParam(range.from))}`);
  if (range.to) where.push(`time <= $${values.push(pgTimestampParam(range.to))}`);
  return select<RecordEvent>(
    pool,
    `SELECT ${EVENT_COLUMNS} FROM event WHERE ${where.join(" AND ")} ORDER BY time, id`,
    values,
  );
}

/** The MIMIC-IV files' column types, by table (a few rows per imported table). */
export async function readColumnTypes(pool: Queryable): Promise<Map<string, TableDtypes>> {
  const rows = await select<{ code: string; attributes: unknown }>(
    pool,
    `SELECT code, attributes FROM concept WHERE system = $1`,
    [COLUMN_TYPES_SYSTEM],
  );
  return columnTypesFromConcepts(rows);
}

/**
 * Everything at or before the cut-off. Not just the prompt's window: the baseline ranks items
 * by earlier admissions too, and the serializer picks the previous discharge note itself.
 * `throughAdmission`: on to the end of the admission the cut-off falls in, for risk tasks,
 * whose window (as the authors cut it) ends with its last event's whole run of rows.
 */
export async function readRecordUpTo(
  pool: Queryable,
  patientId: string,
  cutoff: Date,
  options: { throughAdmission?: boolean } = {},
): Promise<RunRecord> {
  const [record, columnTypes] = await Promise.all([readPatientRecord(pool, patientId), readColumnTypes(pool)]);
  const admission = options.throughAdmission ? admissionAt(record.encounters, cutoff) : undefined;
  const to = admission?.end && admission.end > cutoff ? admission.end : cutoff;
  const events = await readEvents(pool, patientId, { to });
  return { ...record, events, columnTypes };
}
