// The timeline's lanes and the categories each shows. Stays (admissions, ICU stays,
// transfers) are bands; the rest are marks. One toggle per lane filters the timeline, the
// table and the API request alike.
import type { EventCategory } from "../../generated/prisma/enums";

export type LaneKey =
  "stays" | "diagnosis" | "procedure" | "lab" | "medication" | "microbiology" | "vital" | "note" | "other";

export type Lane = { key: LaneKey; label: string; categories: readonly EventCategory[] };

export const LANES: readonly Lane[] = [
  { key: "stays", label: "Stays", categories: ["admission", "transfer"] },
  { key: "diagnosis", label: "Diagnoses", categories: ["diagnosis"] },
  { key: "procedure", label: "Procedures", categories: ["procedure"] },
  { key: "lab", label: "Labs", categories: ["lab"] },
  { key: "medication", label: "Medications", categories: ["medication"] },
  { key: "microbiology", label: "Microbiology", categories: ["microbiology"] },
  { key: "vital", label: "Vitals", categories: ["vital"] },
  { key: "note", label: "Notes", categories: ["note"] },
  {
    key: "other",
    label: "Other",
    categories: ["order", "observation", "input", "output", "allergy", "immunization", "other"],
  },
];

export const MARK_LANES = LANES.filter((lane) => lane.key !== "stays");

/** Categories drawn as trends: numeric results over time. */
export const TREND_CATEGORIES: readonly EventCategory[] = ["lab", "vital"];

const LANE_OF = new Map<EventCategory, LaneKey>(
  LANES.flatMap((lane) => lane.categories.map((category) => [category, lane.key] as const)),
);

export function laneOf(category: EventCategory): LaneKey {
  return LANE_OF.get(category) ?? "other";
}

/** The API's `category` list for a set of lanes; undefined when every lane is on. */
export function categoriesFor(lanes: ReadonlySet<LaneKey>): EventCategory[] | undefined {
  if (LANES.every((lane) => lanes.has(lane.key))) return undefined;
  return LANES.filter((lane) => lanes.has(lane.key)).flatMap((lane) => lane.categories);
}

/** Index of the item in a time-sorted list nearest to `time` (-1 when empty). */
export function nearestIndex(times: readonly number[], time: number): number {
  if (times.length === 0) return -1;
  let low = 0;
  let high = times.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (times[middle] < time) low = middle + 1;
    else high = middle;
  }
  return low > 0 && time - times[low - 1] <= times[low] - time ? low - 1 : low;
}
