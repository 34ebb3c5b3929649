// The record slice through the app's pg pool (the one under Prisma): the reads of
// read-record.ts for the main thread's few small uses (task options, ground truth). A run's
// own record, 50,000 rows and more, is read off the main thread (prepare-run.ts).
import "server-only";
import { dbPool } from "../db";
import type { RecordEvent } from "../model/record";
import { readEvents, readPatientRecord, readRecordUpTo, type RunRecord } from "./read-record";

export type { RunRecord } from "./read-record";

/** The patient and all their encounters (a handful of rows), without events. */
export function loadPatientRecord(patientId: string): Promise<Omit<RunRecord, "events">> {
  return readPatientRecord(dbPool(), patientId);
}

/** Events with `from <= time <= to` in time order (either bound optional). */
export function loadEvents(patientId: string, range: { from?: Date; to?: Date }): Promise<RecordEvent[]> {
  return readEvents(dbPool(), patientId, range);
}

/** Everything at or before the cut-off (see readRecordUpTo). */
export function loadRecordUpTo(patientId: string, cutoff: Date): Promise<RunRecord> {
  return readRecordUpTo(dbPool(), patientId, cutoff);
}
