// Ticks and labels of the timeline's time axis, in UTC like every time in the app: a step
// from a fixed ladder (1 min … 1 year) that leaves each label room, aligned to whole units.
import { DAY, HOUR, MINUTE } from "./time-window";

export type Tick = { time: number; label: string; /** A day (or month, year) boundary. */ major: boolean };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

type Step = { ms: number; months?: number };

const STEPS: readonly Step[] = [
  { ms: MINUTE },
  { ms: 2 * MINUTE },
  { ms: 5 * MINUTE },
  { ms: 10 * MINUTE },
  { ms: 15 * MINUTE },
  { ms: 30 * MINUTE },
  { ms: HOUR },
  { ms: 2 * HOUR },
  { ms: 3 * HOUR },
  { ms: 6 * HOUR },
  { ms: 12 * HOUR },
  { ms: DAY },
  { ms: 2 * DAY },
  { ms: 7 * DAY },
  { ms: 14 * DAY },
  { ms: 30 * DAY, months: 1 },
  { ms: 91 * DAY, months: 3 },
  { ms: 182 * DAY, months: 6 },
  { ms: 365 * DAY, months: 12 },
];

const pad = (n: number) => String(n).padStart(2, "0");

function dayLabel(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())}`;
}

function monthLabel(date: Date): string {
  return date.getUTCMonth() === 0 ? String(date.getUTCFullYear()) : MONTHS[date.getUTCMonth()];
}

function labelOf(time: number, step: Step): Tick {
  const date = new Date(time);
  if (step.months) return { time, label: monthLabel(date), major: date.getUTCMonth() === 0 };
  const midnight = time % DAY === 0;
  if (step.ms >= DAY) return { time, label: dayLabel(date), major: date.getUTCDate() === 1 };
  if (midnight) return { time, label: dayLabel(date), major: true };
  return { time, label: `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`, major: false };
}

/** The smallest step whose labels are at least `minGapPx` apart at this zoom. */
export function chooseStep(span: number, widthPx: number, minGapPx = 72): Step {
  const msPerPx = span / Math.max(widthPx, 1);
  return STEPS.find((step) => step.ms / msPerPx >= minGapPx) ?? STEPS[STEPS.length - 1];
}

export function timeTicks(start: number, end: number, widthPx: number, minGapPx?: number): Tick[] {
  const step = chooseStep(end - start, widthPx, minGapPx);
  const ticks: Tick[] = [];
  if (step.months) {
    const first = new Date(start);
    let cursor = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - (first.getUTCMonth() % step.months), 1);
    while (cursor < end) {
      if (cursor >= start) ticks.push(labelOf(cursor, step));
      const date = new Date(cursor);
      cursor = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + step.months, 1);
    }
    return ticks;
  }
  // Weekly ticks fall on Mondays (1970-01-05 was one); the rest on whole units of UTC.
  const offset = step.ms === 7 * DAY || step.ms === 14 * DAY ? 4 * DAY : 0;
  for (let time = Math.ceil((start - offset) / step.ms) * step.ms + offset; time < end; time += step.ms) {
    ticks.push(labelOf(time, step));
  }
  return ticks;
}

/** "2 d 4 h", "35 min": how long a window is, to two units. */
export function formatSpan(ms: number): string {
  const units: [number, string][] = [
    [DAY, "d"],
    [HOUR, "h"],
    [MINUTE, "min"],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms / MINUTE) * MINUTE;
  for (const [size, name] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${name}`);
      rest %= size;
    } else if (parts.length > 0) {
      break;
    }
  }
  return parts.join(" ") || "< 1 min";
}

/** UTC, to the minute (or the second when asked), sortable: "2150-03-01 08:00". */
export function formatTime(time: number | string, seconds = false): string {
  return new Date(time)
    .toISOString()
    .replace("T", " ")
    .slice(0, seconds ? 19 : 16);
}
