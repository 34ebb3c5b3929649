import { describe, expect, it } from "vitest";
import { groupByLane } from "./lane-groups";
import type { EncounterSummary } from "./patient-summary";
import { CHART_LAYOUT, HIT_PX, bandRows, hitTest, markTop, type ChartContent } from "./timeline-hit-test";
import { MARK_LANES, type LaneKey } from "./timeline-lanes";
import type { EventBins, TimelineEvent } from "./timeline-types";
import { HOUR } from "./time-window";

const T0 = Date.parse("2150-01-01T00:00:00Z");
const iso = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
// 100 hours over 1000 pixels: 10 px an hour.
const scale = { start: T0, end: T0 + 100 * HOUR, width: 1000 };
const bounds = { start: T0 - 100 * HOUR, end: T0 + 200 * HOUR };
const ALL = new Set<LaneKey>(["stays", ...MARK_LANES.map((lane) => lane.key)]);

const admission: EncounterSummary = {
  id: "a1",
  kind: "admission",
  externalId: "2001",
  parentId: null,
  start: iso(10),
  end: iso(50),
  label: "EW EMER.",
  detail: null,
};
const icu: EncounterSummary = { ...admission, id: "i1", kind: "icu_stay", start: iso(20), end: null, label: "MICU" };

const event = (id: string, hours: number, category: TimelineEvent["category"]): TimelineEvent => ({
  id,
  time: iso(hours),
  endTime: null,
  category,
  sourceTable: "labevents",
  codeSystem: null,
  code: null,
  label: `event ${id}`,
  valueNum: null,
  unit: null,
  valueText: null,
  textTruncated: false,
  refLow: null,
  refHigh: null,
  flag: null,
  encounterId: null,
});

const rows = bandRows([admission, icu], [], T0 + 100 * HOUR, false);
const laneY = (key: LaneKey) =>
  markTop(rows.length) + MARK_LANES.findIndex((lane) => lane.key === key) * CHART_LAYOUT.rowHeight + 10;
const rowY = (index: number) => CHART_LAYOUT.axisHeight + index * CHART_LAYOUT.rowHeight + 10;

function content(overrides: Partial<ChartContent> = {}): ChartContent {
  return {
    scale,
    bounds,
    rows,
    lanesOn: ALL,
    groups: groupByLane([event("1", 30, "lab"), event("2", 31, "lab"), event("3", 60, "medication")]),
    bins: null,
    ...overrides,
  };
}

describe("timeline hit-testing", () => {
  it("finds the nearest mark of the lane under the pointer, within a few pixels only", () => {
    // 30 h is at x = 300; 31 h at 310.
    expect(hitTest(content(), 302, laneY("lab"))).toMatchObject({ kind: "event", time: T0 + 30 * HOUR });
    expect(hitTest(content(), 307, laneY("lab"))).toMatchObject({ kind: "event", event: { id: "2" } });
    expect(hitTest(content(), 300 - HIT_PX - 1, laneY("lab"))).toBeNull();
    // The medication at 60 h is not in the labs lane.
    expect(hitTest(content(), 600, laneY("lab"))).toBeNull();
    expect(hitTest(content(), 600, laneY("medication"))).toMatchObject({ kind: "event", event: { id: "3" } });
  });

  it("ignores lanes that are switched off, the axis and the space outside the plot", () => {
    const labsOff = new Set([...ALL].filter((key) => key !== "lab"));
    expect(hitTest(content({ lanesOn: labsOff }), 300, laneY("lab"))).toBeNull();
    expect(hitTest(content(), 300, CHART_LAYOUT.axisHeight - 1)).toBeNull();
    expect(hitTest(content(), -1, laneY("lab"))).toBeNull();
    expect(hitTest(content(), 300, laneY("other") + CHART_LAYOUT.rowHeight)).toBeNull();
  });

  it("finds stay bands by row and time, and zooms to the whole stay", () => {
    expect(hitTest(content(), 150, rowY(0))).toMatchObject({
      kind: "band",
      band: { kind: "Admission", label: "EW EMER." },
      zoomTo: { start: T0 + 10 * HOUR, end: T0 + 50 * HOUR },
    });
    expect(hitTest(content(), 50, rowY(0))).toBeNull();
    // An open ICU stay runs to the given end (100 h).
    expect(hitTest(content(), 900, rowY(1))).toMatchObject({
      kind: "band",
      band: { kind: "ICU stay", end: T0 + 100 * HOUR },
    });
    expect(hitTest(content(), 150, rowY(2))).toBeNull();
  });

  it("clips open bands at the end when what follows is hidden", () => {
    const clipped = bandRows([admission], [], T0 + 40 * HOUR, true);
    expect(clipped[0].bands[0].end).toBe(T0 + 40 * HOUR);
  });

  it("finds the density bin under the pointer and zooms in around it", () => {
    const slice: EventBins = {
      kind: "bins",
      from: iso(0),
      to: iso(100),
      binMs: 10 * HOUR,
      binCount: 10,
      total: 7,
      counts: { lab: [0, 0, 5, 0, 0, 0, 0, 0, 0, 0], microbiology: [0, 0, 2, 0, 0, 0, 0, 0, 0, 0] },
    };
    const byLane = new Map<LaneKey, number[]>([["lab", slice.counts.lab!]]);
    const binned = content({ groups: null, bins: { slice, byLane } });
    const hit = hitTest(binned, 250, laneY("lab"));
    expect(hit).toMatchObject({ kind: "bin", count: 5, start: T0 + 20 * HOUR, end: T0 + 30 * HOUR });
    expect(hit?.kind === "bin" && hit.zoomTo.end - hit.zoomTo.start).toBe(25 * HOUR);
    expect(hitTest(binned, 150, laneY("lab"))).toBeNull();
  });
});
