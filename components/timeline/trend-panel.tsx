"use client";

// Labs and vitals in the view as small charts, one per test, labs first. A filter narrows
// them by name; the charts share the timeline's window and its cut-off.
import { memo, useDeferredValue, useState } from "react";
import type { TimeWindow } from "@/lib/ehr/timeline/time-window";
import type { EventCategory } from "@/lib/ehr/timeline/timeline-types";
import type { Selection } from "./selection";
import { TrendChart } from "./trend-chart";
import { useTrends } from "./use-record-data";

const POINTS = 160;

type TrendPanelProps = {
  patientId: string;
  window: TimeWindow;
  categories: readonly EventCategory[];
  cutoff: number | null;
  selection: Selection | null;
  onSelect: (selection: Selection) => void;
};

export const TrendPanel = memo(function TrendPanel(props: TrendPanelProps) {
  const trends = useTrends(props.patientId, props.window, props.categories, POINTS);
  const [filter, setFilter] = useState("");
  const deferredFilter = useDeferredValue(filter.trim().toLowerCase());
  const series = (trends.data?.series ?? []).filter((s) => s.label.toLowerCase().includes(deferredFilter));
  const groups = (["lab", "vital"] as const)
    .map((category) => ({ category, series: series.filter((s) => s.category === category) }))
    .filter((group) => group.series.length > 0);

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-2 border-b border-slate-200 px-2 py-1 dark:border-slate-800">
        <label htmlFor="trend-filter" className="sr-only">
          Filter tests
        </label>
        <input
          id="trend-filter"
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder="Filter tests"
          className="w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-950"
        />
        <span className="shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-400">
          {trends.isFetching ? "loading…" : `${series.length} tests`}
        </span>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        {props.categories.length === 0 ? (
          <p className="p-3 text-xs text-slate-600 dark:text-slate-400">Turn on labs or vitals to see their trends.</p>
        ) : groups.length === 0 && !trends.isPending ? (
          <p className="p-3 text-xs text-slate-600 dark:text-slate-400">No numeric labs or vitals in this window.</p>
        ) : null}
        {groups.map((group) => (
          <section key={group.category} aria-label={group.category === "lab" ? "Lab trends" : "Vital sign trends"}>
            <h3 className="sticky top-0 z-10 border-b border-slate-200 bg-slate-100 px-2 py-0.5 text-[11px] font-semibold tracking-wide text-slate-700 uppercase dark:border-slate-800 dark:bg-slate-800 dark:text-slate-300">
              {group.category === "lab" ? "Labs" : "Vitals"}
            </h3>
            <div className="grid grid-cols-[repeat(auto-fill,minmax(14rem,1fr))]">
              {group.series.map((s) => (
                <TrendChart
                  key={s.key}
                  series={s}
                  window={props.window}
                  cutoff={props.cutoff}
                  selectedId={props.selection?.id ?? null}
                  onSelect={props.onSelect}
                />
              ))}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
});
