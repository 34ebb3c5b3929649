// The cut-off rules, the lane of each category, and finding the nearest mark.
import { describe, expect, it } from "vitest";
import { isAfterCutoff, parseCutoff, visibleLimit } from "./cutoff";
import { redactAfterCutoff, type PatientSummary } from "./patient-summary";
import { LANES, categoriesFor, laneOf, nearestIndex, type LaneKey } from "./timeline-lanes";

describe("cut-off", () => {
  it("reads ?cutoff= as an ISO time and ignores anything else", () => {
    expect(parseCutoff("2150-03-02T08:00:00Z")).toBe("2150-03-02T08:00:00.000Z");
    expect(parseCutoff(["2150-03-02T08:00:00.000Z", "x"])).toBe("2150-03-02T08:00:00.000Z");
    expect(parseCutoff("yesterday")).toBeNull();
    expect(parseCutoff(undefined)).toBeNull();
  });

  it("lets the model see events at the cut-off, not after", () => {
    const cutoff = Date.parse("2150-03-02T08:00:00Z");
    expect(isAfterCutoff(cutoff, cutoff)).toBe(false);
    expect(isAfterCutoff(cutoff + 1, cutoff)).toBe(true);
    expect(isAfterCutoff(cutoff + 1, null)).toBe(false);
    expect(visibleLimit(cutoff, true)).toBe(cutoff + 1);
    expect(visibleLimit(cutoff, false)).toBeNull();
  });

  it("redacts a patient for blind review", () => {
    const patient: PatientSummary = {
      id: "p",
      source: "mimic-iv",
      externalId: "1",
      name: null,
      gender: "F",
      anchorAge: 70,
      anchorYear: 2150,
      birthDate: null,
      deathTime: "2150-04-01T00:00:00.000Z",
      encounters: [
        {
          id: "a1",
          kind: "admission",
          externalId: "h1",
          parentId: null,
          start: "2150-03-01T00:00:00.000Z",
          end: "2150-03-05T00:00:00.000Z",
          label: "EW EMER.",
          detail: "EMERGENCY ROOM → HOME",
        },
        {
          id: "a2",
          kind: "admission",
          externalId: "h2",
          parentId: null,
          start: "2150-03-20T00:00:00.000Z",
          end: "2150-04-01T00:00:00.000Z",
          label: "URGENT",
          detail: null,
        },
      ],
      extent: { start: "2150-03-01T00:00:00.000Z", end: "2150-04-01T00:00:00.000Z" },
      eventCount: 100,
      categoryCounts: { lab: 100 },
    };
    const blind = redactAfterCutoff(patient, "2150-03-03T00:00:00.000Z");
    expect(blind.deathTime).toBeNull();
    expect(blind.encounters).toHaveLength(1);
    expect(blind.encounters[0]).toMatchObject({ end: null, detail: null });
    expect(blind.extent).toEqual({ start: "2150-03-01T00:00:00.000Z", end: "2150-03-03T00:00:00.000Z" });
    expect(blind.eventCount).toBeNull();
    expect(redactAfterCutoff(patient, "2150-05-01T00:00:00.000Z").encounters[1].end).toBe(patient.encounters[1].end);
  });
});

describe("lanes", () => {
  it("gives every category exactly one lane", () => {
    const all = LANES.flatMap((lane) => lane.categories);
    expect(new Set(all).size).toBe(all.length);
    expect(laneOf("lab")).toBe("lab");
    expect(laneOf("output")).toBe("other");
    expect(laneOf("transfer")).toBe("stays");
  });

  it("asks the API for the categories of the lanes that are on, or for all", () => {
    const every = new Set<LaneKey>(LANES.map((lane) => lane.key));
    expect(categoriesFor(every)).toBeUndefined();
    expect(categoriesFor(new Set<LaneKey>(["lab"]))).toEqual(["lab"]);
    expect(categoriesFor(new Set<LaneKey>(["stays", "note"]))).toEqual(["admission", "transfer", "note"]);
    expect(categoriesFor(new Set<LaneKey>())).toEqual([]);
  });
});

describe("nearestIndex", () => {
  it("finds the closest time, the earlier one on a tie", () => {
    const times = [10, 20, 30, 40];
    expect(nearestIndex(times, 0)).toBe(0);
    expect(nearestIndex(times, 24)).toBe(1);
    expect(nearestIndex(times, 25)).toBe(1);
    expect(nearestIndex(times, 26)).toBe(2);
    expect(nearestIndex(times, 99)).toBe(3);
    expect(nearestIndex([], 5)).toBe(-1);
  });
});
