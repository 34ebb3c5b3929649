// One patient's header: demographics, encounters, the record's extent and how many events
// of each category it holds (no events: those page separately).
import "server-only";
import { db } from "../../db";
import type { EventCategory } from "../../generated/prisma/enums";
import { NotFoundError } from "../../http/errors";
import { getPatientExtent } from "./get-patient-extent";

async function countByCategory(patientId: string): Promise<Partial<Record<EventCategory, number>>> {
  const rows = await db.event.groupBy({ by: ["category"], where: { patientId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.category, row._count._all]));
}

export async function getPatient(id: string) {
  const [patient, extent, categoryCounts] = await Promise.all([
    db.patient.findUnique({
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
      },
    }),
    getPatientExtent(id),
    countByCategory(id),
  ]);
  if (!patient) throw new NotFoundError("Patient");
  const eventCount = Object.values(categoryCounts).reduce((sum, count) => sum + count, 0);
  return { ...patient, eventCount, categoryCounts, extent };
}

export type PatientDetail = Awaited<ReturnType<typeof getPatient>>;
