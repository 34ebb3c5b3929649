// The window every events query shares: one patient, a time range, optional categories and
// text. Windows select events by their start `time`: `from` inclusive, `to` exclusive, so
// adjacent windows [a, b) and [b, c) never return an event twice. An event that started
// before `from` and is still running (a medication with a stop time) belongs to the window
// where it started.
import "server-only";
import { Prisma } from "../../generated/prisma/client";
import type { EventCategory } from "../../generated/prisma/enums";

export type EventFilter = {
  from?: Date;
  to?: Date;
  categories?: readonly EventCategory[];
  /** Case-insensitive substring of the label or the text value. */
  q?: string;
};

/** `%`, `_` and `\` match literally: a clinician searching "5%" means the characters. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export function eventWhere(patientId: string, filter: EventFilter): Prisma.Sql {
  const conditions = [Prisma.sql`"patientId" = ${patientId}`];
  if (filter.from) conditions.push(Prisma.sql`"time" >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`"time" < ${filter.to}`);
  if (filter.categories?.length) {
    conditions.push(Prisma.sql`"category" = ANY(CAST(${filter.categories} AS event_category[]))`);
  }
  const q = filter.q?.trim();
  if (q) {
    const pattern = likePattern(q);
    conditions.push(Prisma.sql`("label" ILIKE ${pattern} OR "valueText" ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, " AND ");
}
