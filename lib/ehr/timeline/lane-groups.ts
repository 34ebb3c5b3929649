// Sorting a slice's events into the timeline's lanes, and the per-lane counts of a binned
// slice: what the chart draws and what the lane labels count.
import { MARK_LANES, laneOf, type LaneKey } from "./timeline-lanes";
import type { EventBins, TimelineEvent } from "./timeline-types";
import type { TimeWindow } from "./time-window";

/** Flagged by the source, or outside its own reference range. */
export function isAbnormal(event: Pick<TimelineEvent, "flag" | "valueNum" | "refLow" | "refHigh">): boolean {
  if (event.flag) return true;
  if (event.valueNum === null) return false;
  return (
    (event.refLow !== null && event.valueNum < event.refLow) ||
    (event.refHigh !== null && event.valueNum > event.refHigh)
  );
}

export type LaneGroup = {
  events: TimelineEvent[];
  /** Start times, ascending (the API's order), for nearest-mark lookups. */
  times: number[];
  abnormalTimes: number[];
  spans: { start: number; end: number }[];
};

/** Mark lanes only: admissions and transfers are drawn as bands from their own data. */
export function groupByLane(events: readonly TimelineEvent[]): Map<LaneKey, LaneGroup> {
  const groups = new Map<LaneKey, LaneGroup>(
    MARK_LANES.map((lane) => [lane.key, { events: [], times: [], abnormalTimes: [], spans: [] }]),
  );
  for (const event of events) {
    const group = groups.get(laneOf(event.category));
    if (!group) continue;
    const time = Date.parse(event.time);
    group.events.push(event);
    group.times.push(time);
    if (isAbnormal(event)) group.abnormalTimes.push(time);
    if (event.endTime) {
      const end = Date.parse(event.endTime);
      if (end > time) group.spans.push({ start: time, end });
    }
  }
  return groups;
}

/** Counts per bin summed over each lane's categories. */
export function binsByLane(bins: EventBins): Map<LaneKey, number[]> {
  const lanes = new Map<LaneKey, number[]>();
  for (const [category, counts] of Object.entries(bins.counts)) {
    const key = laneOf(category as TimelineEvent["category"]);
    const sums = lanes.get(key) ?? new Array<number>(bins.binCount).fill(0);
    counts!.forEach((count, index) => (sums[index] += count));
    lanes.set(key, sums);
  }
  return lanes;
}

/** Events whose start lies in the window: by binary search on sorted times. */
export function countInWindow(times: readonly number[], window: TimeWindow): number {
  const firstAtOrAfter = (time: number) => {
    let low = 0;
    let high = times.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (times[middle] < time) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return firstAtOrAfter(window.end) - firstAtOrAfter(window.start);
}

/** Binned events in the window, counting bins that overlap it at all (an estimate at the edges). */
export function binnedCountInWindow(counts: readonly number[], bins: EventBins, window: TimeWindow): number {
  const from = Date.parse(bins.from);
  const first = Math.max(0, Math.floor((window.start - from) / bins.binMs));
  const last = Math.min(counts.length - 1, Math.ceil((window.end - from) / bins.binMs) - 1);
  let sum = 0;
  for (let index = first; index <= last; index += 1) sum += counts[index];
  return sum;
}
