// A route about one patient answers 404 for an id that is not a patient (malformed or
// unknown); a malformed one before any read.
import { z } from "zod";
import { db } from "../../db";
import { NotFoundError } from "../../http/errors";

/** 404 for an id that cannot be a patient's (not a UUID), without a query. */
export function assertPatientId(id: string): void {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError("Patient");
}

export async function requirePatient(id: string): Promise<string> {
  assertPatientId(id);
  const patient = await db.patient.findUnique({ where: { id }, select: { id: true } });
  if (!patient) throw new NotFoundError("Patient");
  return patient.id;
}
