// The patient page's server starts the timeline's opening reads (its first slice, the overview,
// the transfers) as it renders, and hands them to the browser's query cache still pending: they
// stream to the page with its HTML, so the timeline draws as soon as the page is hydrated,
// without a round trip of its own after it. The reads are the events API's own
// (getEventSliceForQuery over the URL the browser would have asked), so what the cache holds is
// what the API would have answered, and the keys are the hooks' (record-queries.ts).
import "server-only";
import { QueryClient, defaultShouldDehydrateQuery, dehydrate, type DehydratedState } from "@tanstack/react-query";
import { EventsQuery } from "./event-query.types";
import { getEventSliceForQuery } from "./get-event-slice";
import {
  hiddenAfter,
  openRecordView,
  overviewWindow,
  recordBounds,
  recordFilter,
  visiblePatient,
  type RecordViewInput,
} from "../timeline/record-view";
import { clampWindow, fetchWindowFor, limitFetchWindow } from "../timeline/time-window";
import { parseQuery } from "../../http/parse-input";
import { overviewQuery, sliceQuery, transfersQuery, type RecordQuery } from "../timeline/record-queries";

/** What the events API would answer to `url`, as the browser would have parsed it. */
async function answerAsApi(patientId: string, url: string): Promise<unknown> {
  const query = parseQuery(EventsQuery, new URL(url, "http://prefetch.invalid"));
  return JSON.parse(JSON.stringify(await getEventSliceForQuery(patientId, query)));
}

/**
 * The opening reads for a record the caller may see as `input` says (a blind reviewer's window
 * is in `input.blind` and the cut-off). Returns at once: the reads go on while the page renders.
 */
export function prefetchRecordView(input: RecordViewInput): DehydratedState {
  const opening = openRecordView(input);
  const { hideAfter, limit } = hiddenAfter(input.blind, opening.hideChoice, opening.cutoff);
  const patient = visiblePatient(input.patient, hideAfter, opening.cutoff);
  const bounds = recordBounds(patient, limit, opening.cutoff);
  const filter = recordFilter(opening.lanesOn, opening.query);
  const queries: RecordQuery[] = [transfersQuery(patient.id, limit)];
  // The hooks ask nothing when every lane is off, and no slice past a blind limit.
  if (filter.categories?.length !== 0) {
    queries.push(overviewQuery(patient.id, overviewWindow(bounds, limit), filter));
    const window = limitFetchWindow(fetchWindowFor(clampWindow(opening.view, bounds)), limit);
    if (window) queries.push(sliceQuery(patient.id, window, filter));
  }
  const client = new QueryClient({
    defaultOptions: {
      // Pending reads are handed over as promises (TanStack Query's streaming of server prefetches).
      dehydrate: {
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
    },
  });
  for (const { queryKey, url } of queries) {
    void client.prefetchQuery({ queryKey, queryFn: () => answerAsApi(patient.id, url) });
  }
  return dehydrate(client);
}
