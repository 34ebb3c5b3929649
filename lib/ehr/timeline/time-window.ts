// Window math of the timeline: zoom around a point, pan, keep the view inside the record,
// and the coarser window the browser actually fetches. Times are epoch milliseconds (UTC).
export type TimeWindow = { start: number; end: number };

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Closer than this, marks of one minute would be wider than the screen is useful. */
export const MIN_SPAN = 10 * MINUTE;

export function spanOf(window: TimeWindow): number {
  return window.end - window.start;
}

/** The record's extent with a margin, so the first and last marks are not on the edge. */
export function paddedBounds(extent: TimeWindow): TimeWindow {
  const span = Math.max(spanOf(extent), HOUR);
  const margin = span * 0.02;
  return { start: extent.start - margin, end: extent.start + span + margin };
}

/** Keeps the span between MIN_SPAN and the bounds' span, then slides the window inside them. */
export function clampWindow(window: TimeWindow, bounds: TimeWindow): TimeWindow {
  const span = Math.min(Math.max(spanOf(window), MIN_SPAN), spanOf(bounds));
  let start = window.start + (spanOf(window) - span) / 2;
  start = Math.min(Math.max(start, bounds.start), bounds.end - span);
  return { start, end: start + span };
}

/** factor < 1 zooms in; the anchor (e.g. under the pointer) stays where it is on screen. */
export function zoomWindow(window: TimeWindow, factor: number, anchor: number, bounds: TimeWindow): TimeWindow {
  const span = spanOf(window);
  const newSpan = Math.min(Math.max(span * factor, MIN_SPAN), spanOf(bounds));
  const ratio = span > 0 ? (anchor - window.start) / span : 0.5;
  const start = anchor - ratio * newSpan;
  return clampWindow({ start, end: start + newSpan }, bounds);
}

export function panWindow(window: TimeWindow, delta: number, bounds: TimeWindow): TimeWindow {
  return clampWindow({ start: window.start + delta, end: window.end + delta }, bounds);
}

/** The same span, centered on `time` (as far as the bounds allow). */
export function centerWindowOn(window: TimeWindow, time: number, bounds: TimeWindow): TimeWindow {
  const half = spanOf(window) / 2;
  return clampWindow({ start: time - half, end: time + half }, bounds);
}

/** A window of `span` around `time` (zoom to a day around a note, for instance). */
export function windowAround(time: number, span: number, bounds: TimeWindow): TimeWindow {
  return clampWindow({ start: time - span / 2, end: time + span / 2 }, bounds);
}

export function contains(window: TimeWindow, time: number): boolean {
  return time >= window.start && time < window.end;
}

/** Bins per fetch level: a bin is at most a few pixels wide on any screen. */
export const BINS_PER_LEVEL = 512;
/** Smallest fetch level: 512 one-second bins (8.5 minutes). */
const BASE_LEVEL = BINS_PER_LEVEL * 1000;

export type FetchWindow = TimeWindow & { binCount: number };

/**
 * What to fetch for a view: the view grown to a grid of power-of-two spans, so panning
 * and small zooms reuse a cached response instead of asking again at every frame. The grid
 * unit (`chunk`) is half the level span; the fetch covers the view plus one chunk either
 * side, at most 2.5 levels, in BINS_PER_LEVEL bins per level, each bin on the same grid.
 */
export function fetchWindowFor(view: TimeWindow): FetchWindow {
  let level = BASE_LEVEL;
  while (level < spanOf(view)) level *= 2;
  const chunk = level / 2;
  const start = Math.floor(view.start / chunk) * chunk - chunk;
  const end = Math.ceil(view.end / chunk) * chunk + chunk;
  const binMs = level / BINS_PER_LEVEL;
  return { start, end, binCount: Math.round((end - start) / binMs) };
}

/** A fetch window that must stop at `limit` (blind review: nothing after the cut-off). */
export function limitFetchWindow(window: FetchWindow, limit: number | null): FetchWindow | null {
  if (limit === null || window.end <= limit) return window;
  if (window.start >= limit) return null;
  const binMs = spanOf(window) / window.binCount;
  return { start: window.start, end: limit, binCount: Math.max(1, Math.ceil((limit - window.start) / binMs)) };
}

/**
 * The timeline's keys: arrows pan a tenth of the view (Shift: half), +/- zoom by two,
 * Home/End go to the record's ends, 0 shows the whole record. Null: not a navigation key.
 */
export function windowForKey(key: string, shift: boolean, view: TimeWindow, bounds: TimeWindow): TimeWindow | null {
  const span = spanOf(view);
  const middle = view.start + span / 2;
  switch (key) {
    case "ArrowLeft":
      return panWindow(view, -span * (shift ? 0.5 : 0.1), bounds);
    case "ArrowRight":
      return panWindow(view, span * (shift ? 0.5 : 0.1), bounds);
    case "+":
    case "=":
      return zoomWindow(view, 0.5, middle, bounds);
    case "-":
    case "_":
      return zoomWindow(view, 2, middle, bounds);
    case "Home":
      return clampWindow({ start: bounds.start, end: bounds.start + span }, bounds);
    case "End":
      return clampWindow({ start: bounds.end - span, end: bounds.end }, bounds);
    case "0":
      return bounds;
    default:
      return null;
  }
}

/**
 * Where a record opens: at a cut-off, the stay that contains it (a review is about that
 * stay); otherwise the whole record.
 */
export function initialWindow(bounds: TimeWindow, stays: readonly TimeWindow[], focus: number | null): TimeWindow {
  const stay = focus === null ? undefined : stays.find((s) => s.start <= focus && focus <= s.end);
  if (!stay) return bounds;
  const margin = Math.max(spanOf(stay) * 0.05, HOUR);
  return clampWindow({ start: stay.start - margin, end: stay.end + margin }, bounds);
}
