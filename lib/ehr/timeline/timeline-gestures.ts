// What the timeline chart's wheel, drag and cut-off gestures do to the view, as plain math
// over the window and the plot's width, so the chart only reads the pointer and forwards
// the result.
import { timeAt, type TimeScale } from "./time-scale";
import { MINUTE, panWindow, zoomWindow, type TimeWindow } from "./time-window";

/** A press that moves fewer pixels than this is a click, not a drag. */
export const DRAG_THRESHOLD_PX = 3;

export type Wheel = { deltaX: number; deltaY: number; shiftKey: boolean };

/** A wheel zooms around the pointer (at `pointerX` px); a sideways wheel (or Shift) pans. */
export function wheelWindow(
  view: TimeWindow,
  bounds: TimeWindow,
  width: number,
  wheel: Wheel,
  pointerX: number,
): TimeWindow {
  const span = view.end - view.start;
  const sideways = Math.abs(wheel.deltaX) > Math.abs(wheel.deltaY) || wheel.shiftKey;
  const delta = sideways ? wheel.deltaX || wheel.deltaY : wheel.deltaY;
  if (sideways) return panWindow(view, (delta / Math.max(width, 1)) * span, bounds);
  const anchor = view.start + (pointerX / Math.max(width, 1)) * span;
  return zoomWindow(view, Math.exp(delta * 0.0015), anchor, bounds);
}

/** Dragging `dx` px from where the press found `view`: the record follows the pointer. */
export function dragWindow(view: TimeWindow, dx: number, width: number, bounds: TimeWindow): TimeWindow {
  const span = view.end - view.start;
  return panWindow(view, (-dx / Math.max(width, 1)) * span, bounds);
}

/** A cut-off time on whole minutes, inside the record's bounds. */
function snap(time: number, bounds: TimeWindow): number {
  return Math.round(Math.min(Math.max(time, bounds.start), bounds.end) / MINUTE) * MINUTE;
}

const CUTOFF_STEPS: Record<string, number> = {
  ArrowLeft: -1,
  ArrowDown: -1,
  ArrowRight: 1,
  ArrowUp: 1,
};

/**
 * The cut-off after a key on its handle: arrows move it an hour (a day with Shift), Page
 * Up/Down a day, Home/End to the view's edges. Null for any other key.
 */
export function cutoffForKey(
  key: string,
  shiftKey: boolean,
  cutoff: number,
  view: TimeWindow,
  bounds: TimeWindow,
): number | null {
  const step = shiftKey ? 24 * 60 * MINUTE : 60 * MINUTE;
  let next: number | null = null;
  if (key in CUTOFF_STEPS) next = cutoff + CUTOFF_STEPS[key] * step;
  if (key === "PageDown") next = cutoff - 24 * 60 * MINUTE;
  if (key === "PageUp") next = cutoff + 24 * 60 * MINUTE;
  if (key === "Home") next = view.start;
  if (key === "End") next = view.end;
  return next === null ? null : snap(next, bounds);
}

/** The cut-off where its handle is dragged to (x px in the plot): whole minutes, in bounds. */
export function cutoffAt(scale: TimeScale, x: number, bounds: TimeWindow): number {
  const time = Math.round(timeAt(scale, x) / MINUTE) * MINUTE;
  return Math.min(Math.max(time, bounds.start), bounds.end);
}
