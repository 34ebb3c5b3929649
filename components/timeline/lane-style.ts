// One color per lane, used by the timeline marks, the table's category cell and the filter
// toggles, so a lab is the same blue everywhere. Written out in full for Tailwind's scanner.
import type { LaneKey } from "@/lib/ehr/timeline/timeline-lanes";

export const LANE_STYLE: Record<LaneKey, { mark: string; swatch: string; text: string }> = {
  stays: {
    mark: "fill-slate-500 stroke-slate-500",
    swatch: "bg-slate-500",
    text: "text-slate-700 dark:text-slate-300",
  },
  diagnosis: {
    mark: "fill-violet-600 stroke-violet-600 dark:fill-violet-400 dark:stroke-violet-400",
    swatch: "bg-violet-600 dark:bg-violet-400",
    text: "text-violet-800 dark:text-violet-300",
  },
  procedure: {
    mark: "fill-teal-600 stroke-teal-600 dark:fill-teal-400 dark:stroke-teal-400",
    swatch: "bg-teal-600 dark:bg-teal-400",
    text: "text-teal-800 dark:text-teal-300",
  },
  lab: {
    mark: "fill-sky-600 stroke-sky-600 dark:fill-sky-400 dark:stroke-sky-400",
    swatch: "bg-sky-600 dark:bg-sky-400",
    text: "text-sky-800 dark:text-sky-300",
  },
  medication: {
    mark: "fill-emerald-600 stroke-emerald-600 dark:fill-emerald-400 dark:stroke-emerald-400",
    swatch: "bg-emerald-600 dark:bg-emerald-400",
    text: "text-emerald-800 dark:text-emerald-300",
  },
  microbiology: {
    mark: "fill-amber-600 stroke-amber-600 dark:fill-amber-400 dark:stroke-amber-400",
    swatch: "bg-amber-600 dark:bg-amber-400",
    text: "text-amber-800 dark:text-amber-300",
  },
  vital: {
    mark: "fill-indigo-500 stroke-indigo-500 dark:fill-indigo-400 dark:stroke-indigo-400",
    swatch: "bg-indigo-500 dark:bg-indigo-400",
    text: "text-indigo-800 dark:text-indigo-300",
  },
  note: {
    mark: "fill-fuchsia-700 stroke-fuchsia-700 dark:fill-fuchsia-400 dark:stroke-fuchsia-400",
    swatch: "bg-fuchsia-700 dark:bg-fuchsia-400",
    text: "text-fuchsia-800 dark:text-fuchsia-300",
  },
  other: {
    mark: "fill-stone-500 stroke-stone-500 dark:fill-stone-400 dark:stroke-stone-400",
    swatch: "bg-stone-500 dark:bg-stone-400",
    text: "text-stone-700 dark:text-stone-300",
  },
};

/** Abnormal values stand out in every lane. */
export const ABNORMAL_MARK = "fill-red-600 stroke-red-600 dark:fill-red-400 dark:stroke-red-400";
