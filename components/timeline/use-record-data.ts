// The record viewer's server state (TanStack Query): the timeline slice (events or bins),
// the whole-record overview, the table's pages, trends, notes and one event's detail.
// Every window passed in is already limited to what may be shown (see visibleLimit).
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { FetchWindow, TimeWindow } from "@/lib/ehr/timeline/time-window";
import type {
  EventCategory,
  EventPage,
  EventSlice,
  TimelineEvent,
  TrendResponse,
} from "@/lib/ehr/timeline/timeline-types";
import { fetchJson } from "@/lib/http/fetch-json";
import type { RecordFilter } from "@/lib/ehr/timeline/record-view";
import { overviewQuery, sliceQuery, transfersQuery } from "@/lib/ehr/timeline/record-queries";
import { eventsUrl, trendsUrl } from "@/lib/ehr/timeline/timeline-urls";

const TABLE_PAGE = 2000;

type Filter = RecordFilter;

/** The timeline's marks or densities for a fetch window (null: nothing may be shown). */
export function useTimelineSlice(patientId: string, window: FetchWindow | null, filter: Filter) {
  // A window of null asks nothing; its key only has to be stable.
  const query = window ? sliceQuery(patientId, window, filter) : null;
  return useQuery({
    queryKey: query?.queryKey ?? ["timeline", patientId, null, filter],
    enabled: query !== null && filter.categories?.length !== 0,
    placeholderData: keepPreviousData,
    queryFn: () => fetchJson<EventSlice>(query!.url),
  });
}

/** Densities over the whole (visible) record, for the brush. */
export function useOverview(patientId: string, bounds: TimeWindow, filter: Filter) {
  const query = overviewQuery(patientId, bounds, filter);
  return useQuery({
    queryKey: query.queryKey,
    enabled: filter.categories?.length !== 0,
    placeholderData: keepPreviousData,
    queryFn: () => fetchJson<EventSlice>(query.url),
  });
}

/** The table: every event in the window, a page at a time, with the total known up front. */
export function useTableEvents(patientId: string, window: TimeWindow, filter: Filter) {
  return useInfiniteQuery({
    queryKey: ["table", patientId, window, filter],
    enabled: filter.categories?.length !== 0,
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      fetchJson<EventPage>(
        eventsUrl(
          patientId,
          { from: window.start, to: window.end, ...filter },
          { limit: TABLE_PAGE, cursor: pageParam || undefined },
        ),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Bands of the transfers lane. */
export function useTransfers(patientId: string, limit: number | null) {
  const query = transfersQuery(patientId, limit);
  return useQuery({
    queryKey: query.queryKey,
    queryFn: () => fetchJson<EventPage>(query.url),
    select: (page) => page.events,
  });
}

export function useTrends(patientId: string, window: TimeWindow, categories: readonly EventCategory[], points: number) {
  return useQuery({
    queryKey: ["trends", patientId, window, categories, points],
    enabled: categories.length > 0,
    placeholderData: keepPreviousData,
    queryFn: () =>
      fetchJson<TrendResponse>(trendsUrl(patientId, { from: window.start, to: window.end, categories }, points)),
  });
}

/** Every note up to the limit, whole, for reading and searching. */
export function useNotes(patientId: string, limit: number | null) {
  return useInfiniteQuery({
    queryKey: ["notes", patientId, limit],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      fetchJson<EventPage>(
        eventsUrl(
          patientId,
          { categories: ["note"], to: limit ?? undefined },
          { detail: true, limit: 200, cursor: pageParam || undefined },
        ),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** One event with its source row: the events at its instant, with detail. */
export function useEventDetail(patientId: string, selected: { id: string; time: number } | null) {
  return useQuery({
    queryKey: ["event-detail", patientId, selected?.id],
    enabled: selected !== null,
    queryFn: async (): Promise<TimelineEvent | null> => {
      const page = await fetchJson<EventPage>(
        eventsUrl(patientId, { from: selected!.time, to: selected!.time + 1 }, { detail: true, limit: 5000 }),
      );
      return page.events.find((event) => event.id === selected!.id) ?? null;
    },
  });
}
