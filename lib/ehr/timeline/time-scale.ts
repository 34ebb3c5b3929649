// From time to pixels and back, and the SVG paths the timeline draws: one path per lane
// (thousands of marks as a single element, so panning redraws in a frame).
import type { TimeWindow } from "./time-window";

export type TimeScale = TimeWindow & { width: number };

export function xOf(scale: TimeScale, time: number): number {
  return ((time - scale.start) / (scale.end - scale.start)) * scale.width;
}

export function timeAt(scale: TimeScale, x: number): number {
  return scale.start + (x / scale.width) * (scale.end - scale.start);
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Vertical ticks at each time from y0 to y1. Marks on the same half pixel collapse into
 * one, and marks outside the view are skipped: the path stays as small as the screen.
 */
export function tickPath(times: Iterable<number>, scale: TimeScale, y0: number, y1: number): string {
  const parts: string[] = [];
  let last = Number.NaN;
  for (const time of times) {
    const x = Math.round(xOf(scale, time) * 2) / 2;
    if (x < -1 || x > scale.width + 1 || x === last) continue;
    last = x;
    parts.push(`M${x} ${y0}V${y1}`);
  }
  return parts.join("");
}

/** Horizontal bars for events that last (a medication's start to stop), clipped to the view. */
export function spanPath(spans: Iterable<{ start: number; end: number }>, scale: TimeScale, y: number, height: number) {
  const parts: string[] = [];
  for (const span of spans) {
    const x0 = Math.max(xOf(scale, span.start), -1);
    const x1 = Math.min(xOf(scale, span.end), scale.width + 1);
    if (x1 - x0 < 1) continue;
    parts.push(`M${round(x0)} ${y}h${round(x1 - x0)}v${height}h${round(x0 - x1)}Z`);
  }
  return parts.join("");
}

/**
 * A histogram of binned counts standing on `baseline`, `height` tall at the lane's busiest
 * bin. Heights follow log(1 + count): one lab beside a thousand vitals stays visible.
 */
export function binPath(
  counts: readonly number[],
  bins: { start: number; binMs: number },
  scale: TimeScale,
  baseline: number,
  height: number,
  max: number,
): string {
  if (max <= 0) return "";
  const parts: string[] = [];
  const logMax = Math.log1p(max);
  counts.forEach((count, index) => {
    if (count === 0) return;
    const x0 = xOf(scale, bins.start + index * bins.binMs);
    const x1 = xOf(scale, bins.start + (index + 1) * bins.binMs);
    if (x1 < 0 || x0 > scale.width) return;
    const h = Math.max(1.5, (Math.log1p(count) / logMax) * height);
    // Bins narrower than a pixel still show: a hairline at least.
    const w = Math.max(x1 - x0 - 0.5, 0.75);
    parts.push(`M${round(x0)} ${round(baseline)}v${round(-h)}h${round(w)}v${round(h)}Z`);
  });
  return parts.join("");
}
