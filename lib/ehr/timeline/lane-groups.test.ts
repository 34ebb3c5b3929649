import { describe, expect, it } from "vitest";
import { binnedCountInWindow, binsByLane, countInWindow, groupByLane, isAbnormal } from "./lane-groups";
import type { EventBins, TimelineEvent } from "./timeline-types";

function event(overrides: Partial<TimelineEvent>): TimelineEvent {
  return {
    id: "1",
    time: "2150-03-01T00:00:00.000Z",
    endTime: null,
    category: "lab",
    sourceTable: "labevents",
    codeSystem: null,
    code: null,
    label: "Potassium",
    valueNum: 4,
    unit: "mEq/L",
    valueText: "4",
    textTruncated: false,
    refLow: 3.3,
    refHigh: 5.1,
    flag: null,
    encounterId: null,
    ...overrides,
  };
}

describe("isAbnormal", () => {
  it("trusts the source's flag, else the event's own range", () => {
    expect(isAbnormal(event({}))).toBe(false);
    expect(isAbnormal(event({ valueNum: 5.2 }))).toBe(true);
    expect(isAbnormal(event({ valueNum: 3.2 }))).toBe(true);
    expect(isAbnormal(event({ flag: "abnormal", valueNum: 4 }))).toBe(true);
    expect(isAbnormal(event({ valueNum: 99, refLow: null, refHigh: null }))).toBe(false);
    expect(isAbnormal(event({ valueNum: null }))).toBe(false);
  });
});

describe("groupByLane", () => {
  it("sorts events into mark lanes with times, abnormal marks and spans", () => {
    const groups = groupByLane([
      event({ id: "1" }),
      event({ id: "2", time: "2150-03-01T01:00:00.000Z", valueNum: 6 }),
      event({
        id: "3",
        category: "medication",
        endTime: "2150-03-02T00:00:00.000Z",
        valueNum: null,
        refLow: null,
        refHigh: null,
      }),
      event({ id: "4", category: "admission" }),
      event({ id: "5", category: "output", refLow: null, refHigh: null }),
    ]);
    expect(groups.get("lab")!.times).toEqual([Date.parse("2150-03-01T00:00:00Z"), Date.parse("2150-03-01T01:00:00Z")]);
    expect(groups.get("lab")!.abnormalTimes).toEqual([Date.parse("2150-03-01T01:00:00Z")]);
    expect(groups.get("medication")!.spans).toHaveLength(1);
    expect(groups.get("other")!.events.map((e) => e.id)).toEqual(["5"]);
    expect([...groups.values()].flatMap((group) => group.events.map((e) => e.id))).not.toContain("4");
  });
});

describe("counting in a window", () => {
  it("counts sorted times in [start, end)", () => {
    expect(countInWindow([1, 2, 2, 3, 5], { start: 2, end: 5 })).toBe(3);
    expect(countInWindow([], { start: 0, end: 9 })).toBe(0);
  });

  it("sums lanes' bins, and the bins overlapping a window", () => {
    const bins: EventBins = {
      kind: "bins",
      from: new Date(0).toISOString(),
      to: new Date(400).toISOString(),
      binMs: 100,
      binCount: 4,
      total: 10,
      counts: { lab: [1, 2, 0, 1], vital: [0, 1, 1, 0], order: [1, 0, 0, 0], observation: [0, 0, 0, 2] },
    };
    const lanes = binsByLane(bins);
    expect(lanes.get("lab")).toEqual([1, 2, 0, 1]);
    expect(lanes.get("other")).toEqual([1, 0, 0, 2]);
    expect(binnedCountInWindow(lanes.get("lab")!, bins, { start: 150, end: 301 })).toBe(3);
    expect(binnedCountInWindow(lanes.get("lab")!, bins, { start: 0, end: 400 })).toBe(4);
  });
});
