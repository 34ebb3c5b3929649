import { describe, expect, it } from "vitest";
import { describeHit, fitLabel } from "./timeline-labels";
import { LANES, type Lane } from "./timeline-lanes";
import type { TimelineEvent } from "./timeline-types";

const T0 = Date.parse("2150-01-01T08:00:00Z");
const HOUR = 3_600_000;
const lane = (key: Lane["key"]) => LANES.find((l) => l.key === key)!;

const event: TimelineEvent = {
  id: "e1",
  time: "2150-01-01T09:30:00.000Z",
  endTime: null,
  category: "lab",
  sourceTable: "labevents",
  codeSystem: null,
  code: null,
  label: "Potassium",
  valueNum: 5.9,
  unit: "mEq/L",
  valueText: null,
  textTruncated: false,
  refLow: 3.3,
  refHigh: 5.1,
  flag: "abnormal",
  encounterId: null,
};

describe("fitLabel", () => {
  it("keeps a label that fits, at about 6 px a character after 8 px of padding", () => {
    expect(fitLabel("MICU", 8 + 4 * 6)).toBe("MICU");
  });

  it("cuts a longer one with an ellipsis", () => {
    expect(fitLabel("EW EMER. admission", 8 + 6 * 6)).toBe("EW EM…");
  });

  it("shows nothing where fewer than three characters fit", () => {
    expect(fitLabel("MICU", 8 + 2 * 6)).toBe("");
    expect(fitLabel("MICU", -40)).toBe("");
  });
});

describe("describeHit", () => {
  it("names a stay's band with its kind, its span and where from and to", () => {
    const band = {
      key: "a1",
      start: T0,
      end: T0 + 50 * HOUR,
      label: "EW EMER.",
      detail: "ER → HOME",
      kind: "Admission",
    };
    const row = { key: "admissions" as const, label: "Admissions", bands: [band] };
    expect(describeHit({ kind: "band", row, band, zoomTo: { start: band.start, end: band.end } })).toEqual({
      title: "Admission: EW EMER.",
      lines: ["2150-01-01 08:00 → 2150-01-03 10:00", "ER → HOME"],
    });
    const open = { ...band, detail: null };
    expect(describeHit({ kind: "band", row, band: open, zoomTo: { start: 0, end: 1 } }).lines).toEqual([
      "2150-01-01 08:00 → 2150-01-03 10:00",
    ]);
  });

  it("shows an event's lane, label, time, value with unit, and flag", () => {
    expect(describeHit({ kind: "event", lane: lane("lab"), event, time: Date.parse(event.time) })).toEqual({
      title: "Labs: Potassium",
      lines: ["2150-01-01 09:30", "5.9 mEq/L", "flag: abnormal"],
    });
  });

  it("shows a text value cut to 80 characters, and leaves out empty lines", () => {
    const note = { ...event, category: "note" as const, label: "Discharge summary", valueNum: null, unit: null };
    const hit = (valueText: string | null) => ({
      kind: "event" as const,
      lane: lane("note"),
      event: { ...note, valueText, flag: null },
      time: 0,
    });
    expect(describeHit(hit("x".repeat(200))).lines).toEqual(["2150-01-01 09:30", "x".repeat(80)]);
    expect(describeHit(hit(null)).lines).toEqual(["2150-01-01 09:30"]);
  });

  it("counts a density bin's events in its lane and offers to zoom in", () => {
    const hit = {
      kind: "bin" as const,
      lane: lane("vital"),
      count: 12_345,
      start: T0,
      end: T0 + HOUR,
      zoomTo: { start: T0, end: T0 + HOUR },
    };
    expect(describeHit(hit)).toEqual({
      title: "12,345 vitals",
      lines: ["2150-01-01 08:00 → 2150-01-01 09:00", "Click to zoom in"],
    });
  });
});
