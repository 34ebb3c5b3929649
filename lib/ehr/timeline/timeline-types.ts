// What the events API sends to the browser: plain JSON (ISO times, string ids), shared by the
// route handlers, the timeline components and the e2e tests. No database imports here, so
// client components may import it.
import type { EventCategory } from "../../generated/prisma/enums";

export type { EventCategory };

export type TimelineEvent = {
  /** The event's bigint id, as a string (JSON has no 64-bit integers). */
  id: string;
  time: string;
  endTime: string | null;
  category: EventCategory;
  sourceTable: string;
  codeSystem: string | null;
  code: string | null;
  label: string;
  valueNum: number | null;
  unit: string | null;
  /** Cut to a preview unless the caller asked for detail (notes run to many kilobytes). */
  valueText: string | null;
  textTruncated: boolean;
  refLow: number | null;
  refHigh: number | null;
  flag: string | null;
  encounterId: string | null;
  /** The source row's other columns; only with detail. */
  attributes?: Record<string, unknown>;
};

export type EventPage = {
  kind: "events";
  events: TimelineEvent[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Events in the whole window (all pages); counted on the first page only. */
  total: number | null;
};

export type EventBins = {
  kind: "bins";
  from: string;
  to: string;
  /** Bin i covers [from + i·binMs, from + (i+1)·binMs). */
  binMs: number;
  binCount: number;
  total: number;
  /** Per category, one count per bin; categories without events are left out. */
  counts: Partial<Record<EventCategory, number[]>>;
};

export type EventSlice = EventPage | EventBins;

export type TrendPoint = {
  id: string;
  time: string;
  value: number;
  /** Flagged by the source, or outside the event's own reference range. */
  abnormal: boolean;
};

export type TrendSeries = {
  /** category:code (or label when the source has no code) and unit. */
  key: string;
  category: EventCategory;
  label: string;
  unit: string | null;
  refLow: number | null;
  refHigh: number | null;
  /** Numeric values in the window; `points` may hold fewer (min and max per bucket). */
  count: number;
  points: TrendPoint[];
};

export type TrendResponse = { from: string; to: string; series: TrendSeries[] };
