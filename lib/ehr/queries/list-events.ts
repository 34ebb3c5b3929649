// One page of a patient's events in a window, in (time, id) order, continued by keyset
// (never OFFSET: page 100 of a 50,000-event stay costs what page 1 costs).
import { db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { countEvents } from "./count-events";
import { decodeEventCursor, encodeEventCursor } from "./event-cursor";
import { eventWhere, type EventFilter } from "./event-filter";
import type { EventPage, TimelineEvent } from "./timeline-types";

export const MAX_PAGE_SIZE = 5000;
/** Text values longer than this are cut in lists; detail returns them whole. */
export const PREVIEW_CHARS = 300;

export type ListEventsOptions = {
  cursor?: string;
  limit?: number;
  /** Whole text values and the source row's attributes. */
  detail?: boolean;
  /** The window's count when the caller already has it (saves a second count). */
  knownTotal?: number;
};

/** A database row: the API's event before its bigint id and times become JSON strings. */
type EventRow = Omit<TimelineEvent, "id" | "time" | "endTime"> & { id: bigint; time: Date; endTime: Date | null };

function toTimelineEvent({ id, time, endTime, ...row }: EventRow): TimelineEvent {
  return { id: id.toString(), time: time.toISOString(), endTime: endTime?.toISOString() ?? null, ...row };
}

export async function listEvents(
  patientId: string,
  filter: EventFilter,
  options: ListEventsOptions = {},
): Promise<EventPage> {
  const limit = Math.min(Math.max(options.limit ?? 500, 1), MAX_PAGE_SIZE);
  const after = options.cursor ? decodeEventCursor(options.cursor) : undefined;
  const text = options.detail
    ? Prisma.sql`"valueText", false AS "textTruncated", "attributes"`
    : Prisma.sql`left("valueText", ${PREVIEW_CHARS}) AS "valueText",
        coalesce(length("valueText") > ${PREVIEW_CHARS}, false) AS "textTruncated"`;
  const [rows, total] = await Promise.all([
    db.$queryRaw<EventRow[]>`
      SELECT "id", "time", "endTime", "category", "sourceTable", "codeSystem", "code", "label", "valueNum",
             "unit", ${text}, "refLow", "refHigh", "flag", "encounterId"
      FROM "event"
      WHERE ${eventWhere(patientId, filter)}
        ${after ? Prisma.sql`AND ("time", "id") > (${after.time}, ${after.id})` : Prisma.empty}
      ORDER BY "time", "id"
      LIMIT ${limit + 1}`,
    // The total sizes the table's scrollbar; later pages already know it.
    after ? null : (options.knownTotal ?? countEvents(patientId, filter)),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    kind: "events",
    events: page.map(toTimelineEvent),
    nextCursor: rows.length > limit ? encodeEventCursor(last) : null,
    total,
  };
}
