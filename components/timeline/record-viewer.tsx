"use client";

// A patient's record for review: header, toolbar, timeline, overview brush, and below them
// the table of the events in view beside trends, notes and the selected event's detail.
// One view window and one selection drive every panel. The review screens embed this with
// `hideAfterCutoff` for blind review: nothing after the cut-off is fetched or shown, and
// the cut-off cannot be moved.
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { parseRecordUrlState, writeRecordUrlState } from "@/lib/ehr/timeline/record-url-state";
import type { EncounterSummary, PatientSummary } from "@/lib/ehr/timeline/patient-summary";
import { formatTime } from "@/lib/ehr/timeline/time-axis";
import {
  HOUR,
  centerWindowOn,
  clampWindow,
  contains,
  fetchWindowFor,
  limitFetchWindow,
  type TimeWindow,
} from "@/lib/ehr/timeline/time-window";
import {
  hiddenAfter,
  openRecordView,
  overviewWindow,
  recordBounds,
  recordFilter,
  visiblePatient,
} from "@/lib/ehr/timeline/record-view";
import { LANES, TREND_CATEGORIES, type LaneKey } from "@/lib/ehr/timeline/timeline-lanes";
import { PatientHeader } from "./patient-header";
import { EventDetails } from "./event-details";
import { EventTable } from "./event-table";
import { NotesPanel } from "./notes-panel";
import { OverviewBrush } from "./overview-brush";
import { PanelTabs } from "./panel-tabs";
import type { Selection } from "./selection";
import { TimelineChart } from "./timeline-chart";
import { TimelineToolbar } from "./timeline-toolbar";
import { TrendPanel } from "./trend-panel";
import { useDebounced } from "./use-debounced";
import { useOverview, useTableEvents, useTimelineSlice, useTransfers } from "./use-record-data";

export type RecordViewerProps = {
  patient: PatientSummary;
  /** ISO time of the cut-off to open at (e.g. from ?cutoff=). */
  initialCutoff?: string | null;
  /**
   * Blind review: events after the cut-off are never requested or drawn, the header
   * leaves out what happened later, and the cut-off is fixed. Without a cut-off nothing
   * is shown.
   */
  hideAfterCutoff?: boolean;
  /**
   * Keep the cut-off, the visible window, the lanes, the search and "hide after" in the
   * address bar (lib/ehr/timeline/record-url-state.ts), and open at them: Back, a reload or a
   * link reopens the record as it was left.
   */
  syncUrl?: boolean;
  /**
   * "always": the wheel zooms the timeline (the record fills the page). "modifier" (default):
   * only Ctrl/⌘ + wheel zooms, so a page holding the record still scrolls under the wheel.
   */
  wheelZoom?: "always" | "modifier";
  onCutoffChange?: (cutoff: string | null) => void;
  /** An event to open at, selected and in view (e.g. an evidence link's ?event=). */
  initialSelection?: Selection | null;
};

type Tab = "trends" | "notes" | "details";

/** How long the view must rest before the table and trends follow it. */
const SETTLE_MS = 200;

function sameWindow(a: TimeWindow, b: TimeWindow) {
  return Math.round(a.start) === Math.round(b.start) && Math.round(a.end) === Math.round(b.end);
}

export function RecordViewer(props: RecordViewerProps) {
  // Blind review fails closed: without a cut-off there is no record to show.
  if (props.hideAfterCutoff && !props.initialCutoff) {
    return (
      <p role="alert" className="p-4 text-sm text-red-800 dark:text-red-300">
        This review hides events after a cut-off, but no cut-off was given.
      </p>
    );
  }
  return <Viewer {...props} />;
}

function Viewer(props: RecordViewerProps) {
  const isBlind = props.hideAfterCutoff === true;
  const searchParams = useSearchParams();
  // What the address holds when the viewer opens (after Back too, where the server's props are
  // those of the first visit).
  const [fromUrl] = useState(() =>
    props.syncUrl && !isBlind ? parseRecordUrlState(new URLSearchParams(searchParams?.toString())) : null,
  );
  // Where it opens, worked out as the patient page's server worked it out for its prefetch.
  const [opening] = useState(() =>
    openRecordView({
      patient: props.patient,
      initialCutoff: props.initialCutoff,
      blind: isBlind,
      fromUrl,
      selection: props.initialSelection ?? null,
    }),
  );
  const [cutoff, setCutoff] = useState<number | null>(opening.cutoff);
  const [hideChoice, setHideChoice] = useState(opening.hideChoice);
  const { hideAfter, limit } = hiddenAfter(isBlind, hideChoice, cutoff);
  const patient = useMemo(() => visiblePatient(props.patient, hideAfter, cutoff), [hideAfter, cutoff, props.patient]);

  const bounds = useMemo(() => recordBounds(patient, limit, cutoff), [patient, limit, cutoff]);
  const [view, setView] = useState<TimeWindow>(opening.view);
  // A changed bound (hiding after the cut-off) pulls the view back inside.
  const clampedView = useMemo(() => clampWindow(view, bounds), [view, bounds]);

  const [lanesOn, setLanesOn] = useState<ReadonlySet<LaneKey>>(opening.lanesOn);
  const [query, setQuery] = useState(opening.query);
  const [selection, setSelection] = useState<Selection | null>(props.initialSelection ?? null);
  const [tab, setTab] = useState<Tab>("trends");
  const [openNoteId, setOpenNoteId] = useState<string | null>(null);

  const filter = useMemo(() => recordFilter(lanesOn, query), [lanesOn, query]);
  const fetchWindow = useMemo(() => limitFetchWindow(fetchWindowFor(clampedView), limit), [clampedView, limit]);
  const slice = useTimelineSlice(patient.id, fetchWindow, filter);
  const overviewBounds = useMemo(() => overviewWindow(bounds, limit), [bounds, limit]);
  const overview = useOverview(patient.id, overviewBounds, filter);
  const transfers = useTransfers(patient.id, limit);

  const settledView = useDebounced(clampedView, SETTLE_MS);
  const tableWindow = useMemo(
    () => ({
      start: settledView.start,
      end: limit !== null ? Math.max(Math.min(settledView.end, limit), settledView.start) : settledView.end,
    }),
    [settledView, limit],
  );
  const table = useTableEvents(patient.id, tableWindow, filter);
  const tableRows = useMemo(() => table.data?.pages.flatMap((page) => page.events) ?? [], [table.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = table;
  const fetchMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const trendCategories = useMemo(() => TREND_CATEGORIES.filter((c) => lanesOn.has(c as LaneKey)), [lanesOn]);

  const boundsRef = useRef(bounds);
  useEffect(() => {
    boundsRef.current = bounds;
  }, [bounds]);

  const select = useCallback((next: Selection) => {
    setSelection(next);
    // Bring it into view, keeping the zoom.
    setView((current) =>
      contains(current, next.time) ? current : centerWindowOn(current, next.time, boundsRef.current),
    );
    if (next.category === "note") {
      setOpenNoteId(next.id);
      setTab("notes");
    }
  }, []);

  const { onCutoffChange, syncUrl } = props;
  const changeCutoff = useCallback(
    (next: number | null) => {
      if (isBlind) return;
      setCutoff(next);
      onCutoffChange?.(next === null ? null : new Date(next).toISOString());
    },
    [isBlind, onCutoffChange],
  );

  // The address follows the view once it rests; the window only once it moved from where the
  // record opened, so an untouched record keeps a plain address.
  const openedView = useRef(clampedView);
  useEffect(() => {
    if (!syncUrl || isBlind) return;
    const moved = Boolean(fromUrl?.view) || !sameWindow(settledView, openedView.current);
    const url = new URL(window.location.href);
    const params = writeRecordUrlState(url.searchParams, {
      cutoff: cutoff === null ? null : new Date(cutoff).toISOString(),
      view: moved ? settledView : null,
      lanes: LANES.filter((lane) => lanesOn.has(lane.key)).map((lane) => lane.key),
      query,
      hideAfterCutoff: hideChoice,
    });
    if (params.toString() === url.searchParams.toString()) return;
    url.search = params.toString();
    // replaceState, not the router: no server round trip (and no second access-log entry).
    window.history.replaceState(window.history.state, "", url);
  }, [syncUrl, isBlind, fromUrl, cutoff, settledView, lanesOn, query, hideChoice]);

  const zoomToAdmission = useCallback(
    (admission: EncounterSummary) => {
      const start = Date.parse(admission.start);
      const end = admission.end ? Date.parse(admission.end) : bounds.end;
      const margin = Math.max((end - start) * 0.05, HOUR);
      setView(clampWindow({ start: start - margin, end: end + margin }, bounds));
    },
    [bounds],
  );

  // Zoom presets center on the selection, else the cut-off, when in view.
  const focus = [selection?.time, cutoff].find((time) => time != null && contains(clampedView, time)) ?? null;
  const totalInView = table.data?.pages[0]?.total ?? null;
  const caption = `Events ${formatTime(tableWindow.start)} – ${formatTime(tableWindow.end)}${query ? ` matching “${query}”` : ""}`;

  return (
    <section
      aria-label="Patient record"
      // On a 4K screen at 100% scaling, 12-pixel text is too small: scale the whole viewer.
      className="-m-4 flex flex-col [--record-zoom:1] min-[2400px]:m-[calc(-1rem/1.5)] min-[2400px]:[--record-zoom:1.5] min-[2400px]:[zoom:1.5]"
      data-testid="record-viewer"
    >
      <PatientHeader patient={patient} onAdmission={zoomToAdmission} />
      <TimelineToolbar
        view={clampedView}
        bounds={bounds}
        onViewChange={setView}
        focus={focus}
        lanesOn={lanesOn}
        onLanesChange={setLanesOn}
        query={query}
        onQueryChange={setQuery}
        cutoff={cutoff}
        onCutoffChange={changeCutoff}
        hideAfterCutoff={hideAfter}
        onHideAfterCutoffChange={setHideChoice}
        cutoffLocked={isBlind}
      />
      <div id="record-timeline">
        <TimelineChart
          view={clampedView}
          bounds={bounds}
          onViewChange={setView}
          slice={filter.categories?.length === 0 ? undefined : slice.data}
          isFetching={slice.isFetching}
          encounters={patient.encounters}
          transfers={transfers.data ?? []}
          lanesOn={lanesOn}
          cutoff={cutoff}
          hideAfterCutoff={hideAfter}
          cutoffLocked={isBlind}
          onCutoffChange={changeCutoff}
          selection={selection}
          onSelect={select}
          wheelZoom={props.wheelZoom ?? "modifier"}
        />
        <OverviewBrush
          bounds={bounds}
          view={clampedView}
          onViewChange={setView}
          overview={overview.data}
          encounters={patient.encounters}
          cutoff={cutoff}
          controls="record-timeline"
        />
      </div>
      {/* Side by side from 1024 px; below, the table (its columns need about 34rem) above the panels. */}
      <div className="grid grid-cols-1 border-b border-slate-200 bg-white lg:h-[max(18rem,calc(100dvh/var(--record-zoom)-29rem))] lg:grid-cols-[minmax(0,3fr)_minmax(20rem,2fr)] dark:border-slate-800 dark:bg-slate-900">
        <div className="h-[26rem] min-h-0 border-b border-slate-200 lg:h-auto lg:border-r lg:border-b-0 dark:border-slate-800">
          <EventTable
            rows={tableRows}
            total={filter.categories?.length === 0 ? 0 : totalInView}
            hasMore={hasNextPage}
            isFetching={table.isFetching}
            isError={table.isError}
            fetchMore={fetchMore}
            selection={selection}
            onSelect={select}
            cutoff={cutoff}
            window={tableWindow}
            caption={caption}
          />
        </div>
        <div className="h-[26rem] min-h-0 lg:h-auto">
          <PanelTabs<Tab>
            active={tab}
            onChange={setTab}
            tabs={[
              {
                key: "trends",
                label: "Trends",
                content: (
                  <TrendPanel
                    patientId={patient.id}
                    window={tableWindow}
                    categories={trendCategories}
                    cutoff={cutoff}
                    selection={selection}
                    onSelect={select}
                  />
                ),
              },
              {
                key: "notes",
                label: "Notes",
                content: (
                  <NotesPanel
                    patientId={patient.id}
                    limit={limit}
                    cutoff={cutoff}
                    openNoteId={openNoteId}
                    onOpen={select}
                    onClose={() => setOpenNoteId(null)}
                  />
                ),
              },
              {
                key: "details",
                label: "Details",
                content: <EventDetails patientId={patient.id} selection={selection} cutoff={cutoff} />,
              },
            ]}
          />
        </div>
      </div>
    </section>
  );
}
