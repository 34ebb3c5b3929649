// The record viewer's state as pure functions of what both the server and the browser know:
// the patient, the cut-off, the view kept in the address, the event to open at. The viewer
// opens at `openRecordView`; the patient page's server reads the first timeline slice, the
// overview and the transfers for that same opening while the page streams (prefetch-record-view),
// so the first paint of the timeline waits for no request of the browser's own.
import { visibleLimit } from "./cutoff";
import { redactAfterCutoff, type PatientSummary } from "./patient-summary";
import type { RecordUrlState } from "./record-url-state";
import {
  HOUR,
  centerWindowOn,
  clampWindow,
  contains,
  initialWindow,
  paddedBounds,
  type TimeWindow,
} from "./time-window";
import { LANES, categoriesFor, type LaneKey } from "./timeline-lanes";
import type { EventCategory } from "./timeline-types";

/** What every events request of the viewer filters by. */
export type RecordFilter = { categories: readonly EventCategory[] | undefined; q: string };

export type RecordViewInput = {
  patient: PatientSummary;
  /** ISO time of the cut-off the page was opened with (?cutoff=, or the review item's). */
  initialCutoff?: string | null;
  /** Blind review: nothing after the cut-off, whatever the address says. */
  blind: boolean;
  /** The address's view state; null when the viewer does not keep it there (blind review). */
  fromUrl: RecordUrlState | null;
  /** The event to open at (an evidence link's ?event=), kept in view. */
  selection: { time: number } | null;
};

export type RecordViewOpening = {
  cutoff: number | null;
  /** The reader's "hide after the cut-off" choice (blind review hides regardless). */
  hideChoice: boolean;
  view: TimeWindow;
  lanesOn: ReadonlySet<LaneKey>;
  query: string;
};

export const ALL_LANES: ReadonlySet<LaneKey> = new Set(LANES.map((lane) => lane.key));

/** Whether events after the cut-off are hidden, and so the last instant that may be shown. */
export function hiddenAfter(blind: boolean, hideChoice: boolean, cutoff: number | null) {
  const hideAfter = blind || (hideChoice && cutoff !== null);
  return { hideAfter, limit: visibleLimit(cutoff, hideAfter) };
}

/** The patient as shown: hidden means hidden everywhere (later stays, discharge, death, totals). */
export function visiblePatient(patient: PatientSummary, hideAfter: boolean, cutoff: number | null): PatientSummary {
  return hideAfter && cutoff !== null ? redactAfterCutoff(patient, new Date(cutoff).toISOString()) : patient;
}

/** The timeline's bounds: the record's extent, padded, never past the limit. */
export function recordBounds(patient: PatientSummary, limit: number | null, cutoff: number | null): TimeWindow {
  const extent = patient.extent;
  // An empty record has no time of its own: an hour around the cut-off (or the epoch).
  const start = extent ? Date.parse(extent.start) : (cutoff ?? 0) - HOUR;
  const end = extent ? Date.parse(extent.end) : start + HOUR;
  return paddedBounds({ start, end: limit !== null ? Math.min(end, limit) : end });
}

/** The overview brush's window: the whole visible record. */
export function overviewWindow(bounds: TimeWindow, limit: number | null): TimeWindow {
  return { start: bounds.start, end: limit !== null ? Math.min(bounds.end, limit) : bounds.end };
}

export function recordFilter(lanesOn: ReadonlySet<LaneKey>, query: string): RecordFilter {
  return { categories: categoriesFor(lanesOn), q: query };
}

/** Where the viewer opens: the address's state first, else the cut-off's stay, else the record. */
export function openRecordView(input: RecordViewInput): RecordViewOpening {
  const { fromUrl } = input;
  const cutoffText = fromUrl?.cutoff ?? input.initialCutoff;
  const cutoff = cutoffText ? Date.parse(cutoffText) : null;
  const hideChoice = fromUrl?.hideAfterCutoff ?? false;
  const { hideAfter, limit } = hiddenAfter(input.blind, hideChoice, cutoff);
  const patient = visiblePatient(input.patient, hideAfter, cutoff);
  const bounds = recordBounds(patient, limit, cutoff);
  const stays = patient.encounters
    .filter((e) => e.kind === "admission")
    .map((e) => ({ start: Date.parse(e.start), end: e.end ? Date.parse(e.end) : bounds.end }));
  const window = fromUrl?.view ? clampWindow(fromUrl.view, bounds) : initialWindow(bounds, stays, cutoff);
  const focus = input.selection;
  const view = focus && !contains(window, focus.time) ? centerWindowOn(window, focus.time, bounds) : window;
  return {
    cutoff,
    hideChoice,
    view,
    lanesOn: fromUrl?.lanes ? new Set(fromUrl.lanes) : ALL_LANES,
    query: fromUrl?.query ?? "",
  };
}
