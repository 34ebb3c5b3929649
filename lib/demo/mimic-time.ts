// Times in the generated files are written the way MIMIC-IV writes them: wall-clock text in
// shifted years, no time zone. Generation works in UTC milliseconds throughout.
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** "YYYY-MM-DD HH:MM:SS" */
export function mimicTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** "YYYY-MM-DD" */
export function mimicDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight (UTC) of the day `ms` falls in. */
export function startOfDay(ms: number): number {
  return ms - (((ms % DAY) + DAY) % DAY);
}
