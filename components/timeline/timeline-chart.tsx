"use client";

// The timeline: one row per stay kind (bands) and one lane per category (marks, or
// densities when the window is too dense to draw every event), a UTC time axis, the
// selection, and the cut-off cursor. Wheel zooms around the pointer, dragging pans, the
// arrow and +/- keys do both; the cut-off handle is a slider of its own.
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { binPath, spanPath, tickPath, xOf, type TimeScale } from "@/lib/ehr/timeline/time-scale";
import { formatSpan, formatTime, timeTicks } from "@/lib/ehr/timeline/time-axis";
import { windowForKey, type TimeWindow } from "@/lib/ehr/timeline/time-window";
import { binnedCountInWindow, binsByLane, countInWindow, groupByLane } from "@/lib/ehr/timeline/lane-groups";
import { MARK_LANES, type LaneKey } from "@/lib/ehr/timeline/timeline-lanes";
import {
  CHART_LAYOUT,
  bandRows,
  hitTest as findHit,
  markTop as markTopFor,
} from "@/lib/ehr/timeline/timeline-hit-test";
import type { EncounterSummary } from "@/lib/ehr/timeline/patient-summary";
import type { EventSlice, TimelineEvent } from "@/lib/ehr/timeline/timeline-types";
import { describeHit, fitLabel } from "@/lib/ehr/timeline/timeline-labels";
import {
  DRAG_THRESHOLD_PX,
  cutoffAt,
  cutoffForKey,
  dragWindow,
  wheelWindow,
} from "@/lib/ehr/timeline/timeline-gestures";
import { ABNORMAL_MARK, LANE_STYLE } from "./lane-style";
import { localPoint } from "./local-point";
import type { Selection } from "./selection";
import { useElementWidth } from "./use-element-width";

export const LABEL_WIDTH = 156;
const AXIS_HEIGHT = CHART_LAYOUT.axisHeight;
const ROW_HEIGHT = CHART_LAYOUT.rowHeight;

type Hover = { x: number; y: number; title: string; lines: string[] };

export type TimelineChartProps = {
  view: TimeWindow;
  bounds: TimeWindow;
  onViewChange: (view: TimeWindow) => void;
  slice: EventSlice | undefined;
  isFetching: boolean;
  encounters: readonly EncounterSummary[];
  transfers: readonly TimelineEvent[];
  lanesOn: ReadonlySet<LaneKey>;
  cutoff: number | null;
  /** Nothing after the cut-off was fetched: draw it as withheld, not as empty. */
  hideAfterCutoff: boolean;
  cutoffLocked: boolean;
  onCutoffChange: (time: number) => void;
  selection: Selection | null;
  onSelect: (selection: Selection) => void;
  /** "modifier": only Ctrl/⌘ + wheel zooms or pans; a plain wheel scrolls the page. */
  wheelZoom: "always" | "modifier";
};

export const TimelineChart = memo(function TimelineChart(props: TimelineChartProps) {
  const { view, bounds, onViewChange, slice, encounters, transfers, lanesOn, cutoff, selection } = props;
  const plotRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(plotRef);
  const scale: TimeScale = useMemo(() => ({ ...view, width: Math.max(width, 1) }), [view, width]);
  const [hover, setHover] = useState<Hover | null>(null);
  const [draftCutoff, setDraftCutoff] = useState<number | null>(null);
  const drag = useRef<{ x: number; view: TimeWindow; moved: boolean } | null>(null);

  const hidesAfter = props.hideAfterCutoff && cutoff !== null;
  const openEnd = hidesAfter ? cutoff : bounds.end;
  const rows = useMemo(
    () => bandRows(encounters, transfers, openEnd, hidesAfter),
    [encounters, transfers, openEnd, hidesAfter],
  );
  const groups = useMemo(() => (slice?.kind === "events" ? groupByLane(slice.events) : null), [slice]);
  const binned = useMemo(() => (slice?.kind === "bins" ? binsByLane(slice) : null), [slice]);
  const binMax = useMemo(() => {
    const max = new Map<LaneKey, number>();
    binned?.forEach((counts, key) => max.set(key, Math.max(...counts)));
    return max;
  }, [binned]);
  const ticks = useMemo(() => (width > 0 ? timeTicks(view.start, view.end, width) : []), [view, width]);

  const markTop = markTopFor(rows.length);
  const height = markTop + MARK_LANES.length * ROW_HEIGHT + 2;

  // Wheel zooms around the pointer; a sideways wheel (or Shift) pans. React's wheel
  // listener is passive, so the page would scroll too: attach our own. Where the record is
  // part of a longer page, a plain wheel is the page's (it scrolls) and Ctrl/⌘ + wheel (a
  // trackpad's pinch too) is the timeline's; a plain wheel there shows how to zoom.
  const [wheelHint, setWheelHint] = useState(false);
  const latest = useRef({ view, bounds, onViewChange, width, wheelZoom: props.wheelZoom });
  useEffect(() => {
    latest.current = { view, bounds, onViewChange, width, wheelZoom: props.wheelZoom };
  });
  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    let hintTimer: number | undefined;
    function onWheel(event: WheelEvent) {
      const { view, bounds, onViewChange, width, wheelZoom } = latest.current;
      if (wheelZoom === "modifier" && !event.ctrlKey && !event.metaKey) {
        setWheelHint(true);
        window.clearTimeout(hintTimer);
        hintTimer = window.setTimeout(() => setWheelHint(false), 1_500);
        return;
      }
      setWheelHint(false);
      event.preventDefault();
      onViewChange(wheelWindow(view, bounds, width, event, localPoint(element!, event).x));
    }
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => {
      element.removeEventListener("wheel", onWheel);
      window.clearTimeout(hintTimer);
    };
  }, []);

  function hitTest(x: number, y: number): { hover: Hover; select?: Selection; zoomTo?: TimeWindow } | null {
    const hit = findHit(
      {
        scale,
        bounds,
        rows,
        lanesOn,
        groups,
        bins: binned && slice?.kind === "bins" ? { slice, byLane: binned } : null,
      },
      x,
      y,
    );
    if (!hit) return null;
    return {
      hover: { x, y, ...describeHit(hit) },
      select:
        hit.kind === "event"
          ? { id: hit.event.id, time: hit.time, category: hit.event.category, origin: "timeline" }
          : undefined,
      zoomTo: hit.kind === "event" ? undefined : hit.zoomTo,
    };
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: localPoint(event.currentTarget, event).x, view, moved: false };
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const current = drag.current;
    if (current) {
      const dx = localPoint(event.currentTarget, event).x - current.x;
      if (Math.abs(dx) > DRAG_THRESHOLD_PX) current.moved = true;
      if (current.moved) {
        onViewChange(dragWindow(current.view, dx, width, bounds));
        setHover(null);
        return;
      }
    }
    const point = localPoint(plotRef.current!, event);
    setHover(hitTest(point.x, point.y)?.hover ?? null);
  }

  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    const current = drag.current;
    drag.current = null;
    if (!current || current.moved) return;
    const point = localPoint(plotRef.current!, event);
    const hit = hitTest(point.x, point.y);
    if (hit?.select) props.onSelect(hit.select);
    else if (hit?.zoomTo) onViewChange(hit.zoomTo);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = windowForKey(event.key, event.shiftKey, view, bounds);
    if (!next) return;
    event.preventDefault();
    onViewChange(next);
  }

  const shownCutoff = draftCutoff ?? cutoff;
  const cutoffX = shownCutoff === null ? null : xOf(scale, shownCutoff);

  function onCutoffKey(event: KeyboardEvent<HTMLDivElement>) {
    if (cutoff === null || props.cutoffLocked) return;
    const next = cutoffForKey(event.key, event.shiftKey, cutoff, view, bounds);
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    props.onCutoffChange(next);
  }

  function onCutoffPointer(event: PointerEvent<HTMLDivElement>, phase: "down" | "move" | "up") {
    if (props.cutoffLocked) return;
    event.stopPropagation();
    if (phase === "down") {
      event.currentTarget.setPointerCapture(event.pointerId);
      setDraftCutoff(cutoff);
      return;
    }
    if (draftCutoff === null) return;
    const clamped = cutoffAt(scale, localPoint(plotRef.current!, event).x, bounds);
    if (phase === "move") setDraftCutoff(clamped);
    else {
      setDraftCutoff(null);
      props.onCutoffChange(clamped);
    }
  }

  const selectionX = selection ? xOf(scale, selection.time) : null;
  const selectionLane = selection ? MARK_LANES.findIndex((lane) => lane.categories.includes(selection.category)) : -1;

  return (
    <div className="flex select-none border-y border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="shrink-0 border-r border-slate-200 dark:border-slate-800" style={{ width: LABEL_WIDTH }}>
        <div
          className="flex items-center px-2 text-[11px] text-slate-600 dark:text-slate-400"
          style={{ height: AXIS_HEIGHT }}
        >
          {slice?.kind === "bins" ? `Counts per ${formatSpan(slice.binMs)}` : slice ? "Each event" : "Loading…"}
          {props.isFetching ? <span className="ml-1 animate-pulse">·</span> : null}
        </div>
        {rows.map((row) => (
          <div
            key={row.key}
            className={`flex items-center px-2 text-xs ${lanesOn.has("stays") ? "" : "opacity-40"}`}
            style={{ height: ROW_HEIGHT }}
          >
            <span className={`mr-1.5 inline-block size-2 rounded-sm ${LANE_STYLE.stays.swatch}`} aria-hidden />
            {row.label}
          </div>
        ))}
        {MARK_LANES.map((lane) => {
          const count = groups
            ? countInWindow(groups.get(lane.key)!.times, view)
            : binned && slice?.kind === "bins"
              ? binnedCountInWindow(binned.get(lane.key) ?? [], slice, view)
              : null;
          const isOn = lanesOn.has(lane.key);
          return (
            <div
              key={lane.key}
              className={`flex items-center justify-between gap-1 px-2 text-xs ${isOn ? "" : "opacity-40"}`}
              style={{ height: ROW_HEIGHT }}
              data-testid={`lane-${lane.key}`}
            >
              <span className="flex items-center truncate">
                <span className={`mr-1.5 inline-block size-2 shrink-0 rounded-sm ${LANE_STYLE[lane.key].swatch}`} />
                {lane.label}
              </span>
              {isOn && count !== null ? (
                <span className="text-[11px] text-slate-600 tabular-nums dark:text-slate-400">
                  {binned ? "≈" : ""}
                  {count.toLocaleString("en-US")}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>

      <div
        ref={plotRef}
        className="relative min-w-0 flex-1 cursor-grab touch-none outline-offset-[-2px] active:cursor-grabbing"
        style={{ height }}
        tabIndex={0}
        role="group"
        aria-label="Timeline. Arrow keys pan, plus and minus zoom, Home and End go to the ends, 0 shows the whole record."
        aria-roledescription="timeline"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(null)}
        onKeyDown={onKeyDown}
        data-testid="timeline-plot"
      >
        {width > 0 ? (
          <svg width={width} height={height} className="block" aria-hidden>
            <defs>
              <pattern id="withheld" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <line x1="0" y1="0" x2="0" y2="6" className="stroke-slate-300 dark:stroke-slate-700" strokeWidth="2" />
              </pattern>
            </defs>
            {/* Grid and axis */}
            {ticks.map((tick) => {
              const x = Math.round(xOf(scale, tick.time)) + 0.5;
              return (
                <g key={tick.time}>
                  <line
                    x1={x}
                    x2={x}
                    y1={AXIS_HEIGHT - 5}
                    y2={height}
                    className={
                      tick.major ? "stroke-slate-300 dark:stroke-slate-600" : "stroke-slate-100 dark:stroke-slate-800"
                    }
                  />
                  {x + 3 + tick.label.length * 6.5 > width ? null : (
                    <text
                      x={x + 3}
                      y={AXIS_HEIGHT - 8}
                      className={`text-[11px] ${tick.major ? "fill-slate-900 font-semibold dark:fill-slate-100" : "fill-slate-600 dark:fill-slate-400"}`}
                    >
                      {tick.label}
                    </text>
                  )}
                </g>
              );
            })}
            <line
              x1={0}
              x2={width}
              y1={AXIS_HEIGHT - 0.5}
              y2={AXIS_HEIGHT - 0.5}
              className="stroke-slate-300 dark:stroke-slate-700"
            />
            {[...rows.map((r) => r.key), ...MARK_LANES.map((l) => l.key)].map((key, index) =>
              index % 2 === 1 ? (
                <rect
                  key={key}
                  x={0}
                  y={AXIS_HEIGHT + index * ROW_HEIGHT}
                  width={width}
                  height={ROW_HEIGHT}
                  className="fill-slate-50 dark:fill-slate-800/40"
                />
              ) : null,
            )}

            {/* Stays as bands */}
            {lanesOn.has("stays")
              ? rows.map((row, rowIndex) => {
                  const y = AXIS_HEIGHT + rowIndex * ROW_HEIGHT + 3;
                  return row.bands.map((band) => {
                    const x0 = Math.max(xOf(scale, band.start), -2);
                    const x1 = Math.min(xOf(scale, band.end), width + 2);
                    if (x1 < 0 || x0 > width) return null;
                    const w = Math.max(x1 - x0, 2);
                    const style =
                      row.key === "admissions"
                        ? "fill-sky-100 stroke-sky-500 dark:fill-sky-950 dark:stroke-sky-600"
                        : row.key === "icu"
                          ? "fill-orange-100 stroke-orange-500 dark:fill-orange-950 dark:stroke-orange-600"
                          : "fill-slate-100 stroke-slate-400 dark:fill-slate-800 dark:stroke-slate-600";
                    return (
                      <g key={band.key}>
                        <rect x={x0} y={y} width={w} height={ROW_HEIGHT - 6} rx={2} className={style} />
                        <text
                          x={Math.max(x0, 0) + 4}
                          y={y + 10.5}
                          className="fill-slate-800 text-[10px] dark:fill-slate-200"
                        >
                          {fitLabel(band.label, x1 - Math.max(x0, 0))}
                        </text>
                      </g>
                    );
                  });
                })
              : null}

            {/* Marks or densities, one path per lane */}
            {MARK_LANES.map((lane, index) => {
              if (!lanesOn.has(lane.key)) return null;
              const top = markTop + index * ROW_HEIGHT;
              const style = LANE_STYLE[lane.key].mark;
              if (groups) {
                const group = groups.get(lane.key)!;
                return (
                  <g key={lane.key}>
                    <path d={spanPath(group.spans, scale, top + ROW_HEIGHT - 6, 2)} className={`${style} opacity-50`} />
                    <path
                      d={tickPath(group.times, scale, top + 4, top + ROW_HEIGHT - 4)}
                      className={style}
                      strokeWidth={1.5}
                    />
                    <path
                      d={tickPath(group.abnormalTimes, scale, top + 2, top + ROW_HEIGHT - 2)}
                      className={ABNORMAL_MARK}
                      strokeWidth={2}
                    />
                  </g>
                );
              }
              if (binned && slice?.kind === "bins") {
                return (
                  <path
                    key={lane.key}
                    d={binPath(
                      binned.get(lane.key) ?? [],
                      { start: Date.parse(slice.from), binMs: slice.binMs },
                      scale,
                      top + ROW_HEIGHT - 2,
                      ROW_HEIGHT - 4,
                      binMax.get(lane.key) ?? 0,
                    )}
                    className={`${style} stroke-0 opacity-80`}
                  />
                );
              }
              return null;
            })}

            {/* Selection */}
            {selectionX !== null && selectionX >= 0 && selectionX <= width ? (
              <g>
                <line
                  x1={selectionX}
                  x2={selectionX}
                  y1={AXIS_HEIGHT}
                  y2={height}
                  className="stroke-amber-500"
                  strokeDasharray="3 2"
                />
                {selectionLane >= 0 ? (
                  <circle
                    cx={selectionX}
                    cy={markTop + selectionLane * ROW_HEIGHT + ROW_HEIGHT / 2}
                    r={5}
                    className="fill-amber-400 stroke-slate-900 dark:stroke-white"
                    strokeWidth={1.5}
                  />
                ) : null}
              </g>
            ) : null}

            {/* After the cut-off: shaded, or withheld when hidden */}
            {cutoffX !== null && cutoffX < width ? (
              <g>
                <rect
                  x={Math.max(cutoffX, 0)}
                  y={AXIS_HEIGHT}
                  width={width - Math.max(cutoffX, 0)}
                  height={height - AXIS_HEIGHT}
                  className={props.hideAfterCutoff ? "" : "fill-slate-900/10 dark:fill-black/40"}
                  fill={props.hideAfterCutoff ? "url(#withheld)" : undefined}
                />
                {props.hideAfterCutoff && width - Math.max(cutoffX, 0) > 160 ? (
                  <text
                    x={(Math.max(cutoffX, 0) + width) / 2}
                    y={AXIS_HEIGHT + 16}
                    textAnchor="middle"
                    className="fill-slate-700 text-[11px] font-medium dark:fill-slate-300"
                  >
                    Hidden after the cut-off
                  </text>
                ) : null}
              </g>
            ) : null}
            {cutoffX !== null && cutoffX >= 0 && cutoffX <= width ? (
              <line
                x1={cutoffX}
                x2={cutoffX}
                y1={0}
                y2={height}
                className="stroke-red-600 dark:stroke-red-400"
                strokeWidth={2}
              />
            ) : null}
          </svg>
        ) : null}

        {shownCutoff !== null && cutoffX !== null && cutoffX >= 0 && cutoffX <= width ? (
          <div
            role="slider"
            tabIndex={0}
            aria-label="Cut-off"
            aria-valuemin={bounds.start}
            aria-valuemax={bounds.end}
            aria-valuenow={shownCutoff}
            aria-valuetext={`${formatTime(shownCutoff)} UTC`}
            aria-readonly={props.cutoffLocked || undefined}
            className={`absolute top-0 z-10 flex h-[18px] -translate-x-1/2 items-center rounded-sm bg-red-600 px-1 text-[10px] font-medium whitespace-nowrap text-white dark:bg-red-500 ${props.cutoffLocked ? "cursor-default" : "cursor-ew-resize"}`}
            style={{ left: cutoffX }}
            onKeyDown={onCutoffKey}
            onPointerDown={(event) => onCutoffPointer(event, "down")}
            onPointerMove={(event) => onCutoffPointer(event, "move")}
            onPointerUp={(event) => onCutoffPointer(event, "up")}
            data-testid="cutoff-handle"
          >
            cut-off {formatTime(shownCutoff).slice(5)}
          </div>
        ) : null}

        {wheelHint ? (
          <div
            role="status"
            className="pointer-events-none absolute inset-x-0 top-1/2 z-20 mx-auto w-fit -translate-y-1/2 rounded bg-slate-900/85 px-3 py-1.5 text-xs text-white dark:bg-slate-100/90 dark:text-slate-900"
          >
            Hold Ctrl (⌘ on a Mac) and use the wheel to zoom the timeline
          </div>
        ) : null}
        {hover ? (
          <div
            className="pointer-events-none absolute z-20 max-w-xs rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow-lg dark:border-slate-600 dark:bg-slate-800"
            style={{
              left: Math.min(hover.x + 12, Math.max(width - 260, 0)),
              top: hover.y + 14,
            }}
          >
            <div className="font-medium">{hover.title}</div>
            {hover.lines.map((line) => (
              <div key={line} className="text-slate-600 tabular-nums dark:text-slate-300">
                {line}
              </div>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
});
