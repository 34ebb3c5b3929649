// Resolves ?event=<id> on the patient page into what the timeline needs to select it; an id
// of another patient's event, or not a number, finds nothing.
import "server-only";
import { db } from "../../db";

export async function findEventSelection(patientId: string, eventId: string | undefined) {
  if (!eventId || !/^\d{1,19}$/.test(eventId)) return null;
  const event = await db.event.findFirst({
    where: { id: BigInt(eventId), patientId },
    select: { id: true, time: true, category: true },
  });
  return event ? { id: event.id.toString(), time: event.time.getTime(), category: event.category } : null;
}
