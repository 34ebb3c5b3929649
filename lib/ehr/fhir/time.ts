// FHIR date/dateTime/instant parsing. FHIR allows partial dates ("2015", "2015-03"), which
// real data uses (the IPS examples do): they become the start of the period in UTC, and the
// precision is kept so the timeline and the prompt serializer can say "2015" rather than
// pretend to know "2015-01-01 00:00".

export type Precision = "year" | "month" | "day" | "time";

export type FhirTime = { date: Date; precision: Precision };

// FHIR's own dateTime regex, relaxed on one point: a time without a zone is read as UTC
// (the spec requires a zone with a time; some exporters drop it).
const PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export function parseFhirTime(text: string): FhirTime | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = mo ? Number(mo) : 1;
  const day = d ? Number(d) : 1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (h === undefined) {
    const precision: Precision = d ? "day" : mo ? "month" : "year";
    return { date: new Date(Date.UTC(year, month - 1, day)), precision };
  }
  const hour = Number(h);
  const minute = Number(mi);
  const second = s ? Number(s) : 0;
  // 24:00 and leap second 60 are not worth a special case: reject the first, clamp the second.
  if (hour > 23 || minute > 59 || second > 60) return null;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  const offsetMinutes = zone && zone !== "Z" ? zoneMinutes(zone) : 0;
  if (offsetMinutes === null) return null;
  return { date: new Date(utc - offsetMinutes * 60_000), precision: "time" };
}

function zoneMinutes(zone: string): number | null {
  const sign = zone[0] === "-" ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
