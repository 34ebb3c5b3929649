// The record viewer's opening queries, each as its key and its URL, in one place: the hooks
// (components/timeline/use-record-data.ts) fetch them in the browser and the patient page's server reads the same
// ones for its prefetch (prefetch-record-view.ts); a key built two ways would never match.
import type { RecordFilter } from "./record-view";
import type { FetchWindow, TimeWindow } from "./time-window";
import { eventsUrl } from "./timeline-urls";

/** More events than this in a fetch window come back as bins. */
export const MARK_LIMIT = 4000;
const OVERVIEW_BINS = 480;
const TRANSFERS_LIMIT = 1000;

export type RecordQuery = { queryKey: readonly unknown[]; url: string };

/** The timeline's marks or densities for a fetch window. */
export function sliceQuery(patientId: string, window: FetchWindow, filter: RecordFilter): RecordQuery {
  return {
    queryKey: ["timeline", patientId, window, filter],
    url: eventsUrl(
      patientId,
      { from: window.start, to: window.end, ...filter },
      { bins: window.binCount, limit: MARK_LIMIT },
    ),
  };
}

/** Densities over the whole (visible) record, for the brush. */
export function overviewQuery(patientId: string, bounds: TimeWindow, filter: RecordFilter): RecordQuery {
  return {
    queryKey: ["overview", patientId, bounds, filter],
    url: eventsUrl(patientId, { from: bounds.start, to: bounds.end, ...filter }, { bins: OVERVIEW_BINS, limit: 1 }),
  };
}

/** Bands of the transfers lane: every transfer of the record (a stay has a few dozen). */
export function transfersQuery(patientId: string, limit: number | null): RecordQuery {
  return {
    queryKey: ["transfers", patientId, limit],
    url: eventsUrl(patientId, { categories: ["transfer"], to: limit ?? undefined }, { limit: TRANSFERS_LIMIT }),
  };
}
