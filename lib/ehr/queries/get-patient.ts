// One patient's header: demographics and encounters (no events: those page separately).
import { db } from "../../db";
import { NotFoundError } from "../../http/errors";

export async function getPatient(id: string) {
  const patient = await db.patient.findUnique({
    where: { id },
    select: {
      id: true,
      source: true,
      externalId: true,
      name: true,
      gender: true,
      birthDate: true,
      anchorAge: true,
      anchorYear: true,
      deathTime: true,
      encounters: {
        orderBy: { start: "asc" },
        select: { id: true, kind: true, externalId: true, parentId: true, start: true, end: true, attributes: true },
      },
      _count: { select: { events: true } },
    },
  });
  if (!patient) throw new NotFoundError("Patient");
  const { _count, ...rest } = patient;
  return { ...rest, eventCount: _count.events };
}

export type PatientDetail = Awaited<ReturnType<typeof getPatient>>;
