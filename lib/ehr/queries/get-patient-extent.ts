// The span of a patient's record: first event or encounter start to the last event or
// encounter end. The brush shows it whole; open windows default to it.
import "server-only";
import { db } from "../../db";
import type { Extent } from "../timeline/patient-summary";

export async function getPatientExtent(patientId: string): Promise<Extent | null> {
  // min/max(time) read the ends of the (patientId, time) index; encounters are few.
  const [row] = await db.$queryRaw<{ start: Date | null; end: Date | null }[]>`
    SELECT least(e.first, n.first) AS "start", greatest(e.last, n.last) AS "end"
    FROM (SELECT min("time") AS first, max("time") AS last FROM "event" WHERE "patientId" = ${patientId}) e,
         (SELECT min("start") AS first, max(coalesce("end", "start")) AS last
            FROM "encounter" WHERE "patientId" = ${patientId}) n`;
  if (!row?.start || !row.end) return null;
  return { start: row.start.toISOString(), end: row.end.toISOString() };
}
