// The patient page's view in its address: cut-off, visible window, lanes shown, search, and
// "hide after the cut-off". Kept there (history.replaceState) so Back, a reload or a shared
// link reopens the record as it was left. Pure: parse and write URLSearchParams.
import { parseCutoff } from "./cutoff";
import { LANES, type LaneKey } from "./timeline-lanes";
import type { TimeWindow } from "./time-window";

export type RecordUrlState = {
  cutoff: string | null;
  view: TimeWindow | null;
  /** null: every lane. */
  lanes: LaneKey[] | null;
  query: string;
  hideAfterCutoff: boolean;
};

const LANE_KEYS = new Set<string>(LANES.map((lane) => lane.key));
const KEYS = ["cutoff", "from", "to", "lanes", "q", "hide"] as const;
const MAX_QUERY = 200;

function time(text: string | null): number | null {
  if (!text) return null;
  const value = Date.parse(text);
  return Number.isNaN(value) ? null : value;
}

export function parseRecordUrlState(params: URLSearchParams): RecordUrlState {
  const start = time(params.get("from"));
  const end = time(params.get("to"));
  const lanesText = params.get("lanes");
  const lanes = lanesText === null ? null : lanesText.split(",").filter((key): key is LaneKey => LANE_KEYS.has(key));
  return {
    cutoff: parseCutoff(params.get("cutoff")),
    view: start !== null && end !== null && end > start ? { start, end } : null,
    lanes,
    query: (params.get("q") ?? "").slice(0, MAX_QUERY),
    hideAfterCutoff: params.get("hide") === "1",
  };
}

/** The same params with this state in them (others, such as ?event=, kept). */
export function writeRecordUrlState(params: URLSearchParams, state: RecordUrlState): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of KEYS) next.delete(key);
  if (state.cutoff) next.set("cutoff", state.cutoff);
  if (state.view) {
    next.set("from", new Date(Math.round(state.view.start)).toISOString());
    next.set("to", new Date(Math.round(state.view.end)).toISOString());
  }
  if (state.lanes && state.lanes.length < LANE_KEYS.size) next.set("lanes", state.lanes.join(","));
  if (state.query) next.set("q", state.query);
  if (state.hideAfterCutoff && state.cutoff) next.set("hide", "1");
  return next;
}
