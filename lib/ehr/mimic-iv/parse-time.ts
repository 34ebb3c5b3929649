// MIMIC-IV writes times as "YYYY-MM-DD HH:MM:SS" (a few with fractional seconds, e.g.
// icu/procedureevents' "2110-04-13 00:00:02.040") and dates as "YYYY-MM-DD". They are
// de-identified by a per-patient shift into the years 2100-2200 and carry no time zone:
// the wall clock is all there is. We keep that wall clock as the same UTC instant
// ("2180-05-06 22:23:00" -> 2180-05-06T22:23:00.000Z). The database's timestamp columns have
// no time zone, so they hold exactly the source text, and anything that formats the Date in
// UTC (Prisma does) prints it back unchanged. Never format these Dates in local time.

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** The wall-clock time as a UTC Date, or undefined when the text is not a valid MIMIC time. */
export function parseMimicTime(text: string): Date | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = match[4] ? Number(match[4]) : 0;
  const minute = match[5] ? Number(match[5]) : 0;
  const second = match[6] ? Number(match[6]) : 0;
  // timestamp(3) columns keep milliseconds: finer digits are truncated.
  const millisecond = match[7] ? Number(match[7].padEnd(3, "0").slice(0, 3)) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millisecond));
  // Date.UTC reads years 0-99 as 1900-1999; setting the year afterwards avoids that.
  date.setUTCFullYear(year);
  return date;
}
