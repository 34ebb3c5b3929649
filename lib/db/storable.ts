// Values the database can take, checked where client input (a query string, a cursor) becomes
// a query parameter: out of range they would fail inside PostgreSQL, as a 500.

const EARLIEST = Date.parse("0001-01-01T00:00:00Z");
const LATEST = Date.parse("+010000-01-01T00:00:00Z");

/**
 * Years 1 to 9999. PostgreSQL's range is wider, but a negative year travels as "-200000-01-01",
 * which it reads as a time-zone offset (22009): the plain four-digit years are the safe set.
 */
export function isStorableTime(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST && time < LATEST;
}

/** PostgreSQL's bigint. */
export const MAX_BIGINT = 2n ** 63n - 1n;
