import { describe, expect, it } from "vitest";
import {
  BINS_PER_LEVEL,
  DAY,
  HOUR,
  MIN_SPAN,
  centerWindowOn,
  clampWindow,
  fetchWindowFor,
  initialWindow,
  limitFetchWindow,
  panWindow,
  paddedBounds,
  spanOf,
  windowAround,
  windowForKey,
  zoomWindow,
} from "./time-window";

const T0 = Date.parse("2150-03-01T00:00:00Z");
const bounds = { start: T0, end: T0 + 10 * DAY };

describe("clampWindow", () => {
  it("slides a window back inside the bounds without changing its span", () => {
    expect(clampWindow({ start: T0 - DAY, end: T0 + DAY }, bounds)).toEqual({ start: T0, end: T0 + 2 * DAY });
    expect(clampWindow({ start: T0 + 9 * DAY, end: T0 + 11 * DAY }, bounds)).toEqual({
      start: T0 + 8 * DAY,
      end: T0 + 10 * DAY,
    });
  });

  it("never shows more than the bounds or less than the minimum span", () => {
    expect(clampWindow({ start: T0 - 5 * DAY, end: T0 + 20 * DAY }, bounds)).toEqual(bounds);
    expect(spanOf(clampWindow({ start: T0 + DAY, end: T0 + DAY + 1000 }, bounds))).toBe(MIN_SPAN);
  });
});

describe("zoomWindow", () => {
  it("keeps the anchor at the same place on screen", () => {
    const view = { start: T0 + DAY, end: T0 + 3 * DAY };
    const anchor = T0 + 1.5 * DAY; // a quarter of the way in
    const zoomed = zoomWindow(view, 0.5, anchor, bounds);
    expect(spanOf(zoomed)).toBe(DAY);
    expect((anchor - zoomed.start) / spanOf(zoomed)).toBeCloseTo(0.25);
  });

  it("stops at the bounds when zooming out", () => {
    expect(zoomWindow({ start: T0 + DAY, end: T0 + 8 * DAY }, 4, T0 + 2 * DAY, bounds)).toEqual(bounds);
  });
});

describe("pan and center", () => {
  it("pans by a time delta and stops at the edge", () => {
    const view = { start: T0 + DAY, end: T0 + 2 * DAY };
    expect(panWindow(view, HOUR, bounds)).toEqual({ start: T0 + DAY + HOUR, end: T0 + 2 * DAY + HOUR });
    expect(panWindow(view, -5 * DAY, bounds)).toEqual({ start: T0, end: T0 + DAY });
  });

  it("centers on a time, or a window of a given span around it", () => {
    expect(centerWindowOn({ start: T0, end: T0 + 2 * HOUR }, T0 + 5 * DAY, bounds)).toEqual({
      start: T0 + 5 * DAY - HOUR,
      end: T0 + 5 * DAY + HOUR,
    });
    expect(windowAround(T0 + HOUR, DAY, bounds)).toEqual({ start: T0, end: T0 + DAY });
  });
});

describe("paddedBounds", () => {
  it("adds a 2% margin, and gives a record of one instant an hour", () => {
    expect(paddedBounds({ start: T0, end: T0 + 100 * HOUR })).toEqual({ start: T0 - 2 * HOUR, end: T0 + 102 * HOUR });
    expect(spanOf(paddedBounds({ start: T0, end: T0 }))).toBeCloseTo(HOUR * 1.04);
  });
});

describe("fetchWindowFor", () => {
  it("covers the view on a power-of-two grid with whole-second bins", () => {
    for (const view of [
      { start: T0 + 7 * HOUR + 13_000, end: T0 + 31 * HOUR },
      { start: T0 + 1234, end: T0 + 1234 + 10 * 60_000 },
      { start: T0, end: T0 + 30 * DAY },
    ]) {
      const fetched = fetchWindowFor(view);
      expect(fetched.start).toBeLessThanOrEqual(view.start);
      expect(fetched.end).toBeGreaterThanOrEqual(view.end);
      const binMs = spanOf(fetched) / fetched.binCount;
      expect(Number.isInteger(binMs / 1000)).toBe(true);
      expect(fetched.start % binMs).toBe(0);
      // At most 2.5 levels of bins.
      expect(fetched.binCount).toBeLessThanOrEqual(2.5 * BINS_PER_LEVEL);
    }
  });

  it("asks again only when the view crosses a grid line", () => {
    const view = { start: T0 + 10 * HOUR, end: T0 + 20 * HOUR };
    const nudged = { start: view.start + 60_000, end: view.end + 60_000 };
    expect(fetchWindowFor(nudged)).toEqual(fetchWindowFor(view));
  });

  it("stops at a limit, or fetches nothing after it", () => {
    const fetched = fetchWindowFor({ start: T0 + 10 * HOUR, end: T0 + 20 * HOUR });
    const limit = T0 + 15 * HOUR;
    const limited = limitFetchWindow(fetched, limit)!;
    expect(limited.end).toBe(limit);
    expect(limited.binCount).toBeLessThan(fetched.binCount);
    expect(limitFetchWindow(fetched, fetched.start)).toBeNull();
    expect(limitFetchWindow(fetched, null)).toBe(fetched);
  });
});

describe("windowForKey", () => {
  const view = { start: T0 + 4 * DAY, end: T0 + 6 * DAY };

  it("pans, zooms and jumps like the timeline's keyboard help says", () => {
    expect(windowForKey("ArrowRight", false, view, bounds)).toEqual({
      start: view.start + 0.2 * DAY,
      end: view.end + 0.2 * DAY,
    });
    expect(windowForKey("ArrowLeft", true, view, bounds)).toEqual({ start: T0 + 3 * DAY, end: T0 + 5 * DAY });
    expect(windowForKey("+", false, view, bounds)).toEqual({ start: T0 + 4.5 * DAY, end: T0 + 5.5 * DAY });
    expect(windowForKey("-", false, view, bounds)).toEqual({ start: T0 + 3 * DAY, end: T0 + 7 * DAY });
    expect(windowForKey("Home", false, view, bounds)).toEqual({ start: T0, end: T0 + 2 * DAY });
    expect(windowForKey("End", false, view, bounds)).toEqual({ start: T0 + 8 * DAY, end: T0 + 10 * DAY });
    expect(windowForKey("0", false, view, bounds)).toEqual(bounds);
    expect(windowForKey("a", false, view, bounds)).toBeNull();
  });
});

describe("initialWindow", () => {
  it("opens on the stay holding the cut-off, else on the whole record", () => {
    const stays = [
      { start: T0 + DAY, end: T0 + 3 * DAY },
      { start: T0 + 5 * DAY, end: T0 + 9 * DAY },
    ];
    expect(initialWindow(bounds, stays, T0 + 6 * DAY)).toEqual({ start: T0 + 4.8 * DAY, end: T0 + 9.2 * DAY });
    expect(initialWindow(bounds, stays, T0 + 4 * DAY)).toEqual(bounds);
    expect(initialWindow(bounds, stays, null)).toEqual(bounds);
  });
});
