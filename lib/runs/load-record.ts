// The record slice a run reads, straight from the database in the shapes lib/model takes
// (Prisma rows fit its Record* types).
import { db } from "../db";
import type { RecordEncounter, RecordEvent, RecordPatient } from "../model/record";

export type RunRecord = {
  patient: RecordPatient;
  encounters: RecordEncounter[];
  events: RecordEvent[];
};

const EVENT_FIELDS = {
  id: true,
  encounterId: true,
  time: true,
  endTime: true,
  category: true,
  sourceTable: true,
  codeSystem: true,
  code: true,
  label: true,
  valueNum: true,
  unit: true,
  valueText: true,
  refLow: true,
  refHigh: true,
  flag: true,
  attributes: true,
} as const;

/** The patient and all their encounters (a handful of rows), without events. */
export async function loadPatientRecord(patientId: string): Promise<Omit<RunRecord, "events">> {
  const { encounters, ...patient } = await db.patient.findUniqueOrThrow({
    where: { id: patientId },
    select: {
      id: true,
      gender: true,
      anchorAge: true,
      birthDate: true,
      deathTime: true,
      demographics: true,
      encounters: {
        orderBy: { start: "asc" },
        select: { id: true, kind: true, externalId: true, parentId: true, start: true, end: true, attributes: true },
      },
    },
  });
  return { patient, encounters };
}

/** Events with `from <= time <= to` in time order (either bound optional). */
export function loadEvents(patientId: string, range: { from?: Date; to?: Date }): Promise<RecordEvent[]> {
  return db.event.findMany({
    where: { patientId, time: { gte: range.from, lte: range.to } },
    orderBy: [{ time: "asc" }, { id: "asc" }],
    select: EVENT_FIELDS,
  });
}

/**
 * Everything at or before the cut-off. Not just the prompt's window: the baseline ranks items
 * by earlier admissions too, and the serializer picks the previous discharge note itself.
 */
export async function loadRecordUpTo(patientId: string, cutoff: Date): Promise<RunRecord> {
  const [record, events] = await Promise.all([loadPatientRecord(patientId), loadEvents(patientId, { to: cutoff })]);
  return { ...record, events };
}
