// What lies under the pointer on the timeline chart: a stay's band (click zooms to it), an
// event's mark within a few pixels (click selects it), or a density bin (click zooms in). Pure
// geometry over the chart's layout, so the chart only draws and forwards pointer positions.
import type { EncounterSummary } from "./patient-summary";
import type { LaneGroup } from "./lane-groups";
import { MARK_LANES, nearestIndex, type Lane, type LaneKey } from "./timeline-lanes";
import type { EventBins, TimelineEvent } from "./timeline-types";
import { timeAt, xOf, type TimeScale } from "./time-scale";
import { zoomWindow, type TimeWindow } from "./time-window";

/** The chart's rows: the axis, then one row per band kind, then one per mark lane. */
export const CHART_LAYOUT = { axisHeight: 22, rowHeight: 20 } as const;
/** Pixels the pointer may be from a mark and still hit it. */
export const HIT_PX = 6;

export type Band = { key: string; start: number; end: number; label: string; detail: string | null; kind: string };
export type BandRow = { key: "admissions" | "icu" | "transfers"; label: string; bands: Band[] };

/** Bands of the stay rows; open ends run to `end`, and nothing runs past it when `clip`. */
export function bandRows(
  encounters: readonly EncounterSummary[],
  transfers: readonly TimelineEvent[],
  end: number,
  clip: boolean,
): BandRow[] {
  const until = (time: number) => (clip ? Math.min(time, end) : time);
  const band = (e: EncounterSummary): Band => ({
    key: e.id,
    start: Date.parse(e.start),
    end: e.end ? until(Date.parse(e.end)) : end,
    label: e.label,
    detail: e.detail,
    kind: e.kind === "icu_stay" ? "ICU stay" : "Admission",
  });
  return [
    { key: "admissions", label: "Admissions", bands: encounters.filter((e) => e.kind !== "icu_stay").map(band) },
    { key: "icu", label: "ICU stays", bands: encounters.filter((e) => e.kind === "icu_stay").map(band) },
    {
      key: "transfers",
      label: "Transfers",
      bands: transfers
        .filter((t) => t.endTime)
        .map((t) => ({
          key: t.id,
          start: Date.parse(t.time),
          end: until(Date.parse(t.endTime!)),
          label: t.label,
          detail: t.valueText,
          kind: "Transfer",
        })),
    },
  ];
}

/** Where the mark lanes begin, below the axis and the band rows. */
export function markTop(bandRowCount: number): number {
  return CHART_LAYOUT.axisHeight + bandRowCount * CHART_LAYOUT.rowHeight;
}

export type ChartContent = {
  scale: TimeScale;
  bounds: TimeWindow;
  rows: readonly BandRow[];
  lanesOn: ReadonlySet<LaneKey>;
  /** Each event (a slice of events) ... */
  groups: ReadonlyMap<LaneKey, LaneGroup> | null;
  /** ... or counts per bin (a binned slice) with the lanes' sums. */
  bins: { slice: EventBins; byLane: ReadonlyMap<LaneKey, readonly number[]> } | null;
};

export type Hit =
  | { kind: "band"; row: BandRow; band: Band; zoomTo: TimeWindow }
  | { kind: "event"; lane: Lane; event: TimelineEvent; time: number }
  | { kind: "bin"; lane: Lane; count: number; start: number; end: number; zoomTo: TimeWindow };

/** The thing at (x, y) in the plot's own pixels, or null. */
export function hitTest(content: ChartContent, x: number, y: number): Hit | null {
  const { scale, rows, lanesOn } = content;
  const { axisHeight, rowHeight } = CHART_LAYOUT;
  if (y < axisHeight || x < 0 || x > scale.width) return null;
  const time = timeAt(scale, x);
  const top = markTop(rows.length);
  if (y < top) {
    const row = rows[Math.floor((y - axisHeight) / rowHeight)];
    const band = row?.bands.find((b) => b.start <= time && time <= b.end);
    return row && band ? { kind: "band", row, band, zoomTo: { start: band.start, end: band.end } } : null;
  }
  const lane = MARK_LANES[Math.floor((y - top) / rowHeight)];
  if (!lane || !lanesOn.has(lane.key)) return null;
  if (content.groups) {
    const group = content.groups.get(lane.key);
    if (!group) return null;
    const index = nearestIndex(group.times, time);
    if (index < 0 || Math.abs(xOf(scale, group.times[index]) - x) > HIT_PX) return null;
    return { kind: "event", lane, event: group.events[index], time: group.times[index] };
  }
  if (content.bins) {
    const { slice, byLane } = content.bins;
    const from = Date.parse(slice.from);
    const index = Math.floor((time - from) / slice.binMs);
    const count = byLane.get(lane.key)?.[index] ?? 0;
    if (!count) return null;
    const start = from + index * slice.binMs;
    return {
      kind: "bin",
      lane,
      count,
      start,
      end: start + slice.binMs,
      zoomTo: zoomWindow({ start: scale.start, end: scale.end }, 0.25, time, content.bounds),
    };
  }
  return null;
}
