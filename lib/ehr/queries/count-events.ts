// How many events a window holds: decides bins or events, and sizes the table.
import "server-only";
import { db } from "../../db";
import { eventWhere, type EventFilter } from "./event-filter";

export async function countEvents(patientId: string, filter: EventFilter): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM "event" WHERE ${eventWhere(patientId, filter)}`;
  return row.count;
}
