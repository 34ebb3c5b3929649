"use client";

// The whole record at a glance, with the timeline's window drawn over it: drag the window
// to move it, its edges to resize it, or sweep a new range anywhere else (a click centers
// the view there). Focused, it takes the timeline's keys.
import { memo, useMemo, useRef, type KeyboardEvent, type PointerEvent } from "react";
import { binPath, tickPath, timeAt, xOf, type TimeScale } from "@/lib/ehr/timeline/time-scale";
import { formatTime } from "@/lib/ehr/timeline/time-axis";
import { MIN_SPAN, centerWindowOn, clampWindow, windowForKey, type TimeWindow } from "@/lib/ehr/timeline/time-window";
import type { EncounterSummary } from "@/lib/ehr/timeline/patient-summary";
import type { EventSlice } from "@/lib/ehr/timeline/timeline-types";
import { localPoint } from "./local-point";
import { LABEL_WIDTH } from "./timeline-chart";
import { useElementWidth } from "./use-element-width";

const HEIGHT = 34;
const EDGE_PX = 6;

type DragMode = "move" | "start" | "end" | "sweep";

export type OverviewBrushProps = {
  bounds: TimeWindow;
  view: TimeWindow;
  onViewChange: (view: TimeWindow) => void;
  overview: EventSlice | undefined;
  encounters: readonly EncounterSummary[];
  cutoff: number | null;
  controls: string;
};

function totals(overview: EventSlice | undefined): { counts: number[]; start: number; binMs: number } | null {
  if (overview?.kind !== "bins") return null;
  const counts = new Array<number>(overview.binCount).fill(0);
  for (const series of Object.values(overview.counts)) series!.forEach((count, index) => (counts[index] += count));
  return { counts, start: Date.parse(overview.from), binMs: overview.binMs };
}

export const OverviewBrush = memo(function OverviewBrush(props: OverviewBrushProps) {
  const { bounds, view, onViewChange, overview, cutoff } = props;
  const plotRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(plotRef);
  const scale: TimeScale = useMemo(() => ({ ...bounds, width: Math.max(width, 1) }), [bounds, width]);
  const density = useMemo(() => totals(overview), [overview]);
  const max = density ? Math.max(...density.counts) : 0;
  const drag = useRef<{ mode: DragMode; x: number; view: TimeWindow; anchor: number; moved: boolean } | null>(null);

  const x0 = xOf(scale, view.start);
  const x1 = xOf(scale, view.end);

  function localX(event: PointerEvent<HTMLElement>) {
    return localPoint(plotRef.current!, event).x;
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const x = localX(event);
    const mode: DragMode =
      Math.abs(x - x0) <= EDGE_PX ? "start" : Math.abs(x - x1) <= EDGE_PX ? "end" : x > x0 && x < x1 ? "move" : "sweep";
    drag.current = { mode, x, view, anchor: timeAt(scale, x), moved: false };
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const current = drag.current;
    if (!current) return;
    const x = localX(event);
    if (Math.abs(x - current.x) > 2) current.moved = true;
    if (!current.moved) return;
    const time = timeAt(scale, x);
    const delta = time - current.anchor;
    const { start, end } = current.view;
    const next =
      current.mode === "move"
        ? { start: start + delta, end: end + delta }
        : current.mode === "start"
          ? { start: Math.min(time, end - MIN_SPAN), end }
          : current.mode === "end"
            ? { start, end: Math.max(time, start + MIN_SPAN) }
            : { start: Math.min(time, current.anchor), end: Math.max(time, current.anchor) };
    onViewChange(clampWindow(next, bounds));
  }

  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    const current = drag.current;
    drag.current = null;
    if (current && !current.moved && current.mode !== "start" && current.mode !== "end") {
      onViewChange(centerWindowOn(view, timeAt(scale, localX(event)), bounds));
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = windowForKey(event.key, event.shiftKey, view, bounds);
    if (!next) return;
    event.preventDefault();
    onViewChange(next);
  }

  const position = Math.round(((view.start - bounds.start) / Math.max(bounds.end - bounds.start, 1)) * 100);

  return (
    <div className="flex border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60">
      <div
        className="flex shrink-0 flex-col justify-center border-r border-slate-200 px-2 text-[11px] leading-tight text-slate-600 dark:border-slate-800 dark:text-slate-400"
        style={{ width: LABEL_WIDTH }}
      >
        <span className="font-medium text-slate-700 dark:text-slate-300">Whole record</span>
        <span className="tabular-nums">{formatTime(bounds.start).slice(0, 10)}</span>
      </div>
      <div
        ref={plotRef}
        className="relative min-w-0 flex-1 cursor-crosshair touch-none"
        style={{ height: HEIGHT }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
      >
        {width > 0 ? (
          <svg width={width} height={HEIGHT} className="block" aria-hidden>
            {props.encounters
              .filter((encounter) => encounter.kind === "admission")
              .map((encounter) => {
                const start = xOf(scale, Date.parse(encounter.start));
                const end = xOf(scale, encounter.end ? Date.parse(encounter.end) : bounds.end);
                return (
                  <rect
                    key={encounter.id}
                    x={start}
                    y={2}
                    width={Math.max(end - start, 2)}
                    height={4}
                    className="fill-sky-400/70 dark:fill-sky-600/70"
                  />
                );
              })}
            {density ? (
              <path
                d={binPath(density.counts, density, scale, HEIGHT - 2, HEIGHT - 10, max)}
                className="fill-slate-400 dark:fill-slate-500"
              />
            ) : overview?.kind === "events" ? (
              <path
                d={tickPath(
                  overview.events.map((event) => Date.parse(event.time)),
                  scale,
                  10,
                  HEIGHT - 2,
                )}
                className="stroke-slate-500"
              />
            ) : null}
            {cutoff !== null ? (
              <line
                x1={xOf(scale, cutoff)}
                x2={xOf(scale, cutoff)}
                y1={0}
                y2={HEIGHT}
                className="stroke-red-600 dark:stroke-red-400"
                strokeWidth={2}
              />
            ) : null}
          </svg>
        ) : null}
        <div
          role="scrollbar"
          tabIndex={0}
          aria-label="Visible part of the record. Arrow keys move it, plus and minus resize it."
          aria-controls={props.controls}
          aria-orientation="horizontal"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={position}
          aria-valuetext={`${formatTime(view.start)} to ${formatTime(view.end)} UTC`}
          onKeyDown={onKeyDown}
          className="absolute inset-y-0 cursor-move border-x-2 border-sky-600 bg-sky-500/15 dark:border-sky-400 dark:bg-sky-400/20"
          style={{ left: Math.max(x0, 0), width: Math.max(Math.min(x1, width) - Math.max(x0, 0), 4) }}
          data-testid="overview-window"
        />
      </div>
    </div>
  );
});
