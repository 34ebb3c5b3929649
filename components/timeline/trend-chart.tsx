"use client";

// A small chart of one test over the timeline's view: its reference range as a band,
// abnormal values in red, the cut-off. Clicking a value (or stepping with the arrow keys
// while focused) selects it, and the table finds its row.
import { memo, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { formatTime } from "@/lib/ehr/timeline/time-axis";
import { xOf } from "@/lib/ehr/timeline/time-scale";
import type { TimeWindow } from "@/lib/ehr/timeline/time-window";
import type { TrendPoint, TrendSeries } from "@/lib/ehr/timeline/timeline-types";
import { dotsPath } from "@/lib/ehr/timeline/dots-path";
import { localPoint } from "./local-point";
import type { Selection } from "./selection";
import { useElementWidth } from "./use-element-width";

const HEIGHT = 46;
const PAD_Y = 4;

type TrendChartProps = {
  series: TrendSeries;
  window: TimeWindow;
  cutoff: number | null;
  selectedId: string | null;
  onSelect: (selection: Selection) => void;
};

function valueDomain(series: TrendSeries): [number, number] {
  const values = series.points.map((point) => point.value);
  if (series.refLow !== null) values.push(series.refLow);
  if (series.refHigh !== null) values.push(series.refHigh);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low) * 0.08 || Math.abs(high) * 0.1 || 1;
  return [low - pad, high + pad];
}

const format = (value: number) => String(Number(value.toPrecision(4)));

export const TrendChart = memo(function TrendChart({ series, window, cutoff, selectedId, onSelect }: TrendChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const [low, high] = useMemo(() => valueDomain(series), [series]);
  const scale = { ...window, width: Math.max(width, 1) };
  const y = (value: number) => PAD_Y + (1 - (value - low) / (high - low)) * (HEIGHT - 2 * PAD_Y);
  const times = useMemo(() => series.points.map((point) => Date.parse(point.time)), [series]);
  const path = series.points
    .map((point, index) => `${index ? "L" : "M"}${xOf(scale, times[index]).toFixed(1)} ${y(point.value).toFixed(1)}`)
    .join("");
  const last = series.points[series.points.length - 1];
  const abnormalCount = series.points.filter((point) => point.abnormal).length;
  const showAllDots = series.points.length <= 60;
  const selectedIndex = selectedId === null ? -1 : series.points.findIndex((point) => point.id === selectedId);
  const normalDots: [number, number][] = [];
  const abnormalDots: [number, number][] = [];
  series.points.forEach((point, index) => {
    if (point.abnormal || showAllDots) {
      (point.abnormal ? abnormalDots : normalDots).push([xOf(scale, times[index]), y(point.value)]);
    }
  });
  const dots = { normal: dotsPath(normalDots, 1.8), abnormal: dotsPath(abnormalDots, 2.5) };

  function choose(index: number) {
    const point = series.points[index];
    if (!point) return;
    setFocusIndex(index);
    onSelect({ id: point.id, time: times[index], category: series.category, origin: "trend" });
  }

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const { x: px, y: py } = localPoint(event.currentTarget, event);
    let best = -1;
    let bestDistance = Infinity;
    series.points.forEach((point, index) => {
      const distance = Math.hypot(xOf(scale, times[index]) - px, (y(point.value) - py) * 0.5);
      if (distance < bestDistance) {
        best = index;
        bestDistance = distance;
      }
    });
    if (best >= 0 && bestDistance < 24) choose(best);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const current = focusIndex ?? series.points.length;
    const next: Record<string, number> = {
      ArrowLeft: current - 1,
      ArrowRight: focusIndex === null ? 0 : current + 1,
      Home: 0,
      End: series.points.length - 1,
    };
    if (!(event.key in next)) return;
    event.preventDefault();
    choose(Math.min(Math.max(next[event.key], 0), series.points.length - 1));
  }

  const focused: TrendPoint | undefined = focusIndex !== null ? series.points[focusIndex] : undefined;
  const range =
    series.refLow !== null || series.refHigh !== null
      ? `reference ${series.refLow !== null ? format(series.refLow) : "…"}–${series.refHigh !== null ? format(series.refHigh) : "…"}`
      : "no reference range";

  return (
    <figure className="min-w-0 border-b border-slate-200 px-2 py-1 dark:border-slate-800" data-testid="trend-chart">
      <figcaption className="flex items-baseline justify-between gap-2 text-xs">
        <span className="truncate font-medium" title={series.label}>
          {series.label}
          {series.unit ? (
            <span className="ml-1 font-normal text-slate-600 dark:text-slate-400">{series.unit}</span>
          ) : null}
        </span>
        {last ? (
          <span
            className={`shrink-0 tabular-nums ${last.abnormal ? "font-semibold text-red-700 dark:text-red-400" : ""}`}
          >
            {format(last.value)}
          </span>
        ) : null}
      </figcaption>
      <div
        ref={ref}
        role="group"
        tabIndex={0}
        aria-label={`${series.label}: ${series.count} values, ${abnormalCount} abnormal shown, ${range}. Arrow keys step through values and select them.`}
        className="relative mt-0.5 cursor-pointer outline-offset-1"
        style={{ height: HEIGHT }}
        onClick={onClick}
        onKeyDown={onKeyDown}
      >
        {width > 0 ? (
          <svg width={width} height={HEIGHT} className="block" aria-hidden>
            <rect width={width} height={HEIGHT} className="fill-slate-50 dark:fill-slate-800/40" />
            {series.refLow !== null || series.refHigh !== null ? (
              <rect
                x={0}
                width={width}
                y={y(series.refHigh ?? high)}
                height={Math.max(y(series.refLow ?? low) - y(series.refHigh ?? high), 1)}
                className="fill-emerald-500/15 dark:fill-emerald-400/15"
              />
            ) : null}
            {cutoff !== null && xOf(scale, cutoff) < width ? (
              <>
                <rect
                  x={Math.max(xOf(scale, cutoff), 0)}
                  width={width - Math.max(xOf(scale, cutoff), 0)}
                  height={HEIGHT}
                  className="fill-slate-900/10 dark:fill-black/40"
                />
                <line
                  x1={xOf(scale, cutoff)}
                  x2={xOf(scale, cutoff)}
                  y2={HEIGHT}
                  className="stroke-red-600 dark:stroke-red-400"
                  strokeWidth={1.5}
                />
              </>
            ) : null}
            <path d={path} fill="none" className="stroke-slate-500 dark:stroke-slate-400" strokeWidth={1} />
            {/* The dots, one path per look; the selected value drawn over them. */}
            <path d={dots.normal} className="fill-slate-600 dark:fill-slate-300" />
            <path d={dots.abnormal} className="fill-red-600 dark:fill-red-400" />
            {selectedIndex >= 0 ? (
              <circle
                cx={xOf(scale, times[selectedIndex])}
                cy={y(series.points[selectedIndex].value)}
                r={4}
                className="fill-amber-400 stroke-slate-900 dark:stroke-white"
              />
            ) : null}
          </svg>
        ) : null}
      </div>
      <div className="flex justify-between text-[11px] text-slate-600 tabular-nums dark:text-slate-400">
        <span>{focused ? `${formatTime(focused.time)}: ${format(focused.value)}` : range}</span>
        <span>n={series.count.toLocaleString("en-US")}</span>
      </div>
    </figure>
  );
});
