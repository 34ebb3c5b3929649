"use client";

// Above the timeline: zoom presets and steps, the visible range, lane toggles, a search
// over the record, and the cut-off (set, type, clear, hide what follows it).
import { useState, type FormEvent, type ReactNode } from "react";
import { formatSpan, formatTime } from "@/lib/ehr/timeline/time-axis";
import {
  DAY,
  HOUR,
  MINUTE,
  panWindow,
  spanOf,
  windowAround,
  zoomWindow,
  type TimeWindow,
} from "@/lib/ehr/timeline/time-window";
import { LANES, type LaneKey } from "@/lib/ehr/timeline/timeline-lanes";
import { LANE_STYLE } from "./lane-style";

const PRESETS: readonly { label: string; span: number | null }[] = [
  { label: "All", span: null },
  { label: "1 week", span: 7 * DAY },
  { label: "1 day", span: DAY },
  { label: "6 h", span: 6 * HOUR },
  { label: "1 h", span: HOUR },
];

const buttonClass =
  "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800";

export type TimelineToolbarProps = {
  view: TimeWindow;
  bounds: TimeWindow;
  onViewChange: (view: TimeWindow) => void;
  /** Where zoom presets center (the selection or the cut-off); null: the view's middle. */
  focus: number | null;
  lanesOn: ReadonlySet<LaneKey>;
  onLanesChange: (lanes: ReadonlySet<LaneKey>) => void;
  query: string;
  onQueryChange: (query: string) => void;
  cutoff: number | null;
  onCutoffChange: (cutoff: number | null) => void;
  hideAfterCutoff: boolean;
  onHideAfterCutoffChange: (hide: boolean) => void;
  /** A review protocol fixed the cut-off and hides what follows. */
  cutoffLocked: boolean;
};

function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-1">
      {children}
    </div>
  );
}

function parseUtc(text: string): number | null {
  const match = text.trim().match(/^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?Z?$/);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const time = Date.UTC(y, mo - 1, d, h, mi, s || 0);
  return Number.isNaN(time) ? null : time;
}

export function TimelineToolbar(props: TimelineToolbarProps) {
  const { view, bounds, onViewChange, lanesOn, cutoff } = props;
  const center = props.focus ?? view.start + spanOf(view) / 2;
  const [draftQuery, setDraftQuery] = useState(props.query);
  const [cutoffText, setCutoffText] = useState<string | null>(null);
  const [cutoffError, setCutoffError] = useState(false);

  function toggleLane(key: LaneKey) {
    const next = new Set(lanesOn);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    props.onLanesChange(next);
  }

  function submitQuery(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onQueryChange(draftQuery.trim());
  }

  function submitCutoff(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const time = parseUtc(cutoffText ?? "");
    setCutoffError(time === null);
    if (time === null) return;
    setCutoffText(null);
    props.onCutoffChange(time);
  }

  // Zoom by two around the focus, pan by half a view (as Shift+arrow does).
  const steps = [
    { label: "Zoom out", symbol: "−", next: () => zoomWindow(view, 2, center, bounds) },
    { label: "Zoom in", symbol: "+", next: () => zoomWindow(view, 0.5, center, bounds) },
    { label: "Earlier", symbol: "◀", next: () => panWindow(view, -spanOf(view) * 0.5, bounds) },
    { label: "Later", symbol: "▶", next: () => panWindow(view, spanOf(view) * 0.5, bounds) },
  ];

  return (
    <div className="space-y-1 border-t border-slate-200 bg-white px-2 py-1.5 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Group label="Zoom">
          {PRESETS.map((preset) => (
            <button
              key={preset.label}
              type="button"
              className={buttonClass}
              onClick={() => onViewChange(preset.span === null ? bounds : windowAround(center, preset.span, bounds))}
            >
              {preset.label}
            </button>
          ))}
          {steps.map((step) => (
            <button
              key={step.label}
              type="button"
              className={buttonClass}
              aria-label={step.label}
              onClick={() => onViewChange(step.next())}
            >
              {step.symbol}
            </button>
          ))}
        </Group>
        <output className="text-xs text-slate-700 tabular-nums dark:text-slate-300" data-testid="view-range">
          {formatTime(view.start)} – {formatTime(view.end)} UTC
          <span className="ml-1 text-slate-600 dark:text-slate-400">({formatSpan(spanOf(view))})</span>
        </output>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Group label="Cut-off">
            <span className="text-xs font-medium text-red-700 dark:text-red-400">Cut-off</span>
            {props.cutoffLocked ? (
              <span className="text-xs tabular-nums" data-testid="cutoff-value">
                {cutoff !== null ? formatTime(cutoff) : "—"} UTC · fixed by the review protocol
              </span>
            ) : (
              <>
                <form onSubmit={submitCutoff} className="flex items-center gap-1">
                  <label htmlFor="cutoff-input" className="sr-only">
                    Cut-off time, UTC (YYYY-MM-DD HH:MM)
                  </label>
                  <input
                    id="cutoff-input"
                    value={cutoffText ?? (cutoff !== null ? formatTime(cutoff) : "")}
                    onChange={(event) => setCutoffText(event.target.value)}
                    onBlur={() => setCutoffText(null)}
                    placeholder="YYYY-MM-DD HH:MM"
                    aria-invalid={cutoffError || undefined}
                    className="w-[8.5rem] rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs tabular-nums dark:border-slate-700 dark:bg-slate-950"
                    data-testid="cutoff-value"
                  />
                </form>
                {cutoff === null ? (
                  <button
                    type="button"
                    className={buttonClass}
                    onClick={() => props.onCutoffChange(Math.round(center / MINUTE) * MINUTE)}
                  >
                    Set here
                  </button>
                ) : (
                  <button type="button" className={buttonClass} onClick={() => props.onCutoffChange(null)}>
                    Clear
                  </button>
                )}
              </>
            )}
            <label className="ml-1 flex items-center gap-1 text-xs">
              <input
                type="checkbox"
                checked={props.hideAfterCutoff}
                disabled={props.cutoffLocked || cutoff === null}
                onChange={(event) => props.onHideAfterCutoffChange(event.target.checked)}
              />
              Hide after
            </label>
          </Group>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Group label="Categories">
          {LANES.map((lane) => (
            <button
              key={lane.key}
              type="button"
              aria-pressed={lanesOn.has(lane.key)}
              onClick={() => toggleLane(lane.key)}
              className={`flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs ${
                lanesOn.has(lane.key)
                  ? "border-slate-400 bg-slate-100 text-slate-900 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100"
                  : "border-dashed border-slate-300 text-slate-600 line-through dark:border-slate-700 dark:text-slate-400"
              }`}
            >
              <span className={`inline-block size-2 rounded-sm ${LANE_STYLE[lane.key].swatch}`} aria-hidden />
              {lane.label}
            </button>
          ))}
          <button
            type="button"
            className={buttonClass}
            onClick={() => props.onLanesChange(new Set(LANES.map((l) => l.key)))}
          >
            All
          </button>
          <button type="button" className={buttonClass} onClick={() => props.onLanesChange(new Set())}>
            None
          </button>
        </Group>
        <form role="search" onSubmit={submitQuery} className="ml-auto flex items-center gap-1">
          <label htmlFor="record-search" className="sr-only">
            Find in the record (item names and values)
          </label>
          <input
            id="record-search"
            type="search"
            value={draftQuery}
            onChange={(event) => {
              setDraftQuery(event.target.value);
              if (event.target.value === "") props.onQueryChange("");
            }}
            placeholder="Find in record, e.g. potassium"
            className="w-56 rounded border border-slate-300 bg-white px-2 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-950"
          />
          <button type="submit" className={buttonClass}>
            Find
          </button>
        </form>
      </div>
    </div>
  );
}
