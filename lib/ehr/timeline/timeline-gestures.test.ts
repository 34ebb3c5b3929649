import { describe, expect, it } from "vitest";
import { cutoffAt, cutoffForKey, dragWindow, wheelWindow } from "./timeline-gestures";
import { DAY, HOUR, MINUTE } from "./time-window";

const T0 = Date.parse("2150-01-01T00:00:00Z");
// 100 hours over 1000 pixels: 10 px an hour, inside a 300-hour record.
const view = { start: T0, end: T0 + 100 * HOUR };
const bounds = { start: T0 - 100 * HOUR, end: T0 + 200 * HOUR };
const width = 1000;
const wheel = (deltaX: number, deltaY: number, shiftKey = false) => ({ deltaX, deltaY, shiftKey });

describe("wheelWindow", () => {
  it("zooms in around the pointer on a negative deltaY (wheel up), keeping the time under it in place", () => {
    const next = wheelWindow(view, bounds, width, wheel(0, -100), 250);
    expect(next.end - next.start).toBeCloseTo(100 * HOUR * Math.exp(-0.15), -1);
    // The pointer stood at 25 h (250 px); it still stands a quarter of the way in.
    expect((T0 + 25 * HOUR - next.start) / (next.end - next.start)).toBeCloseTo(0.25, 6);
  });

  it("zooms out on a positive wheel", () => {
    const next = wheelWindow(view, bounds, width, wheel(0, 100), 500);
    expect(next.end - next.start).toBeGreaterThan(100 * HOUR);
  });

  it("pans on a sideways wheel, and on any wheel with Shift, by the pixels it moved", () => {
    expect(wheelWindow(view, bounds, width, wheel(50, 10), 500)).toEqual({
      start: T0 + 5 * HOUR,
      end: T0 + 105 * HOUR,
    });
    expect(wheelWindow(view, bounds, width, wheel(0, -30, true), 500)).toEqual({
      start: T0 - 3 * HOUR,
      end: T0 + 97 * HOUR,
    });
  });

  it("keeps the view inside the record's bounds", () => {
    const next = wheelWindow(view, bounds, width, wheel(100_000, 0), 500);
    expect(next).toEqual({ start: T0 + 100 * HOUR, end: T0 + 200 * HOUR });
  });
});

describe("dragWindow", () => {
  it("moves the record with the pointer: dragging right shows earlier times", () => {
    expect(dragWindow(view, 100, width, bounds)).toEqual({ start: T0 - 10 * HOUR, end: T0 + 90 * HOUR });
    expect(dragWindow(view, -100, width, bounds)).toEqual({ start: T0 + 10 * HOUR, end: T0 + 110 * HOUR });
  });

  it("stops at the record's edge", () => {
    expect(dragWindow(view, 5000, width, bounds)).toEqual({ start: T0 - 100 * HOUR, end: T0 });
  });

  it("treats a plot not yet measured (width 0) as 1 px wide instead of dividing by zero", () => {
    expect(dragWindow(view, 0, 0, bounds)).toEqual(view);
  });
});

describe("cutoffForKey", () => {
  const cutoff = T0 + 50 * HOUR;

  it("moves an hour on the arrows and a day with Shift or on Page Up/Down", () => {
    expect(cutoffForKey("ArrowRight", false, cutoff, view, bounds)).toBe(cutoff + HOUR);
    expect(cutoffForKey("ArrowUp", false, cutoff, view, bounds)).toBe(cutoff + HOUR);
    expect(cutoffForKey("ArrowLeft", false, cutoff, view, bounds)).toBe(cutoff - HOUR);
    expect(cutoffForKey("ArrowDown", true, cutoff, view, bounds)).toBe(cutoff - DAY);
    expect(cutoffForKey("PageUp", false, cutoff, view, bounds)).toBe(cutoff + DAY);
    expect(cutoffForKey("PageDown", true, cutoff, view, bounds)).toBe(cutoff - DAY);
  });

  it("jumps to the view's edges on Home and End", () => {
    expect(cutoffForKey("Home", false, cutoff, view, bounds)).toBe(view.start);
    expect(cutoffForKey("End", false, cutoff, view, bounds)).toBe(view.end);
  });

  it("stays inside the record and on whole minutes", () => {
    expect(cutoffForKey("ArrowRight", true, bounds.end - HOUR, view, bounds)).toBe(bounds.end);
    expect(cutoffForKey("ArrowRight", false, cutoff + 20_000, view, bounds)).toBe(cutoff + HOUR);
  });

  it("ignores other keys", () => {
    expect(cutoffForKey("a", false, cutoff, view, bounds)).toBeNull();
    expect(cutoffForKey("Enter", true, cutoff, view, bounds)).toBeNull();
  });
});

describe("cutoffAt", () => {
  const scale = { ...view, width };

  it("reads the time under the handle, on whole minutes", () => {
    // 1 px is 6 minutes; 250.05 px is 25 h and 18 s, which rounds to 25 h.
    expect(cutoffAt(scale, 250.05, bounds)).toBe(T0 + 25 * HOUR);
    expect(cutoffAt(scale, 250.1, bounds)).toBe(T0 + 25 * HOUR + MINUTE);
  });

  it("stays inside the record's bounds when dragged past them", () => {
    expect(cutoffAt(scale, -5000, bounds)).toBe(bounds.start);
    expect(cutoffAt(scale, 50_000, bounds)).toBe(bounds.end);
  });
});
