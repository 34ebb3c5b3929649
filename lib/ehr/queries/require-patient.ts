// A route about one patient answers 404 for an id that is not a patient (malformed or
// unknown) before it reads anything else.
import { z } from "zod";
import { db } from "../../db";
import { NotFoundError } from "../../http/errors";

export async function requirePatient(id: string): Promise<string> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError("Patient");
  const patient = await db.patient.findUnique({ where: { id }, select: { id: true } });
  if (!patient) throw new NotFoundError("Patient");
  return patient.id;
}
