// A route about one patient answers 404 for an id that is not a patient (malformed or
// unknown); a malformed one before any read.
import "server-only";
import { z } from "zod";
import { db, dbPool } from "../../db";
import { ensurePatientEvents } from "../mimic-code/materialize-patient";
import { NotFoundError } from "../../http/errors";

/** 404 for an id that cannot be a patient's (not a UUID), without a query. */
export function assertPatientId(id: string): void {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError("Patient");
}

export async function requirePatient(id: string): Promise<string> {
  assertPatientId(id);
  const patient = await db.patient.findUnique({ where: { id }, select: { id: true } });
  if (!patient) throw new NotFoundError("Patient");
  // Every page and route about one patient comes through here: a patient registered from a
  // mimic-code database has their events read into `event` before anything reads them.
  await ensurePatientEvents(dbPool(), patient.id);
  return patient.id;
}
