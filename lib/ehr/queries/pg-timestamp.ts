// `timestamp` columns (UTC by the schema's convention) over plain pg, both ways. Out: PostgreSQL's
// text form straight to the ISO string the API sends, without a Date in between: pages of
// 5,000 events carry two times each, and parsing then formatting them cost more than the rest
// of a row. In: a Date as UTC text, since pg would write it in the process's local zone.

/** The type OID of `timestamp` (without time zone), for pg type parsers. */
export const TIMESTAMP_OID = 1114;

/** A Date as a `timestamp` query parameter: its UTC time, without the zone the column drops. */
export function pgTimestampParam(date: Date): string {
  return date.toISOString().replace("Z", "");
}

/** "2150-03-01 12:00:00" or "…:00.5" (PostgreSQL trims trailing zeros) → "2150-03-01T12:00:00.500Z". */
export function isoFromPgTimestamp(text: string): string {
  // The common shape: a four-digit year and at most millisecond precision (timestamp(3)).
  // DateStyle ISO is PostgreSQL's default, and Prisma's adapter relies on it too.
  if (text.length >= 19 && text.length <= 23 && text[10] === " " && text[4] === "-") {
    const fraction = text.length === 19 ? ".000" : text.slice(19).padEnd(4, "0");
    return `${text.slice(0, 10)}T${text.slice(11, 19)}${fraction}Z`;
  }
  // Anything else (years past 9999, BC, microseconds): through Date, as Prisma would.
  const date = new Date(`${text.replace(" ", "T")}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not a timestamp: ${text}`);
  return date.toISOString();
}
