// How an event reads in a table cell: its value with unit, its reference range, and a flag
// word (the source's, else high/low from the range).
import type { TimelineEvent } from "./timeline-types";

const number = (value: number) => (Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6))));

export function displayValue(event: Pick<TimelineEvent, "valueNum" | "valueText" | "unit">): string {
  if (event.valueNum !== null) return [number(event.valueNum), event.unit].filter(Boolean).join(" ");
  // Long text (a note) shows its first line; the reader has the rest.
  const text = event.valueText?.trim().split("\n", 1)[0] ?? "";
  return [text, text && event.unit ? event.unit : null].filter(Boolean).join(" ");
}

export function displayRange(event: Pick<TimelineEvent, "refLow" | "refHigh">): string {
  if (event.refLow === null && event.refHigh === null) return "";
  if (event.refLow === null) return `≤ ${number(event.refHigh!)}`;
  if (event.refHigh === null) return `≥ ${number(event.refLow)}`;
  return `${number(event.refLow)}–${number(event.refHigh)}`;
}

export function displayFlag(event: Pick<TimelineEvent, "flag" | "valueNum" | "refLow" | "refHigh">): string {
  if (event.valueNum !== null) {
    if (event.refHigh !== null && event.valueNum > event.refHigh) return "high";
    if (event.refLow !== null && event.valueNum < event.refLow) return "low";
  }
  return event.flag ?? "";
}
