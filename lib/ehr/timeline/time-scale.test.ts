import { describe, expect, it } from "vitest";
import { binPath, spanPath, tickPath, timeAt, xOf, type TimeScale } from "./time-scale";

const scale: TimeScale = { start: 1000, end: 2000, width: 500 };

describe("time scale", () => {
  it("maps times to pixels and back", () => {
    expect(xOf(scale, 1000)).toBe(0);
    expect(xOf(scale, 1500)).toBe(250);
    expect(timeAt(scale, 250)).toBe(1500);
    expect(timeAt(scale, xOf(scale, 1234))).toBeCloseTo(1234);
  });
});

describe("paths", () => {
  it("draws one tick per half pixel, and none outside the view", () => {
    expect(tickPath([1000, 1000.4, 1500, 5000], scale, 2, 10)).toBe("M0 2V10M250 2V10");
    expect(tickPath([], scale, 0, 1)).toBe("");
  });

  it("clips spans to the view and skips those under a pixel", () => {
    expect(spanPath([{ start: 500, end: 1200 }], scale, 4, 2)).toBe("M-1 4h101v2h-101Z");
    expect(spanPath([{ start: 1100, end: 1101 }], scale, 4, 2)).toBe("");
  });

  it("draws a log-scaled histogram, skipping empty bins", () => {
    const path = binPath([0, 1, 99], { start: 1000, binMs: 100 }, scale, 20, 10, 99);
    const bars = path.split("Z").filter(Boolean);
    expect(bars).toHaveLength(2);
    expect(bars[1]).toBe("M100 20v-10h49.5v10");
    expect(binPath([1, 2], { start: 1000, binMs: 100 }, scale, 20, 10, 0)).toBe("");
  });
});
