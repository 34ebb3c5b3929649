// One page of a patient's events in a window, in (time, id) order, continued by keyset
// (never OFFSET: page 100 of a 50,000-event stay costs what page 1 costs).
//
// The page is read through the pg pool under Prisma, not through Prisma: Prisma turns every
// cell into its own representation (BigInt ids, Date times) that the API then has to turn
// back into JSON strings, which cost more than the query itself on pages of 5,000 rows. Here
// PostgreSQL casts the id to text and a type parser writes the ISO times, so pg's row objects
// are already the API's events, field for field and in the same order.
import "server-only";
import pg from "pg";
import { dbPool } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { countEvents } from "./count-events";
import { decodeEventCursor, encodeEventCursor } from "./event-cursor";
import { eventWhere, type EventFilter } from "./event-filter";
import { MAX_PAGE_SIZE } from "./event-query.types";
import { isoFromPgTimestamp, pgTimestampParam, TIMESTAMP_OID } from "./pg-timestamp";
import type { EventPage, TimelineEvent } from "../timeline/timeline-types";

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

/** pg's own parsers (float8, bool, jsonb…), except `timestamp`, which becomes ISO text. */
const EVENT_TYPES = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary" ? isoFromPgTimestamp : pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;

/** Prisma.Sql's values as pg sends them. */
function pgValue(value: unknown): unknown {
  if (value instanceof Date) return pgTimestampParam(value);
  if (typeof value === "bigint") return value.toString();
  return value;
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
  // The columns in TimelineEvent's order: the rows are the events as they are. ORDER BY names
  // the table's columns: a bare "id" would sort by the text alias.
  const query = Prisma.sql`
    SELECT "id"::text AS "id", "time", "endTime", "category", "sourceTable", "codeSystem", "code", "label",
           "valueNum", "unit", ${text}, "refLow", "refHigh", "flag", "encounterId"
    FROM "event"
    WHERE ${eventWhere(patientId, filter)}
      ${after ? Prisma.sql`AND ("time", "id") > (${after.time}, ${after.id})` : Prisma.empty}
    ORDER BY "event"."time", "event"."id"
    LIMIT ${limit + 1}`;
  const [{ rows }, total] = await Promise.all([
    dbPool().query<TimelineEvent>({ text: query.text, values: query.values.map(pgValue), types: EVENT_TYPES }),
    // The total sizes the table's scrollbar; later pages already know it.
    after ? null : (options.knownTotal ?? countEvents(patientId, filter)),
  ]);
  const more = rows.length > limit;
  if (more) rows.length = limit;
  const last = rows[rows.length - 1];
  return {
    kind: "events",
    events: rows,
    nextCursor: more ? encodeEventCursor({ time: new Date(last.time), id: BigInt(last.id) }) : null,
    total,
  };
}
