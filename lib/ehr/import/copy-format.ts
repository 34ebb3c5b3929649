// Values in PostgreSQL's COPY text format: tab-separated, \N for NULL, and backslash,
// newline, carriage return and tab escaped inside values. PostgreSQL text cannot hold NUL
// (nor can jsonb hold \u0000), so a NUL is an error here rather than a failed COPY later.

export class NulCharacterError extends Error {
  constructor() {
    super("contains a NUL character, which PostgreSQL text cannot store");
  }
}

const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
// A JSON-escaped NUL ("\u0000") not itself preceded by an escaping backslash.
const JSON_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

export const NULL = "\\N";

export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  if (value.includes("\0")) throw new NulCharacterError();
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]) : value;
}

export function copyNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NULL;
  return String(value);
}

export function copyInteger(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isSafeInteger(value)) return NULL;
  return String(value);
}

/** The UTC wall clock, for the timestamp-without-time-zone columns Prisma reads as UTC. */
export function copyTime(value: Date | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  const iso = value.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

export function copyJson(value: unknown): string {
  const json = JSON.stringify(value ?? {});
  if (json.includes("\\u0000") && JSON_NUL.test(json)) throw new NulCharacterError();
  return copyText(json);
}
