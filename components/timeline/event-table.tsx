"use client";

// Every event in the timeline's view, one 24-pixel row each, virtualized: only the rows on
// screen exist in the DOM, so 50,000 scroll like 50. Pages load as the scroll nears them;
// a selection made elsewhere (a mark, a trend point, a note) is found and scrolled to,
// loading pages up to its time if needed. Arrow keys move the selection.
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { displayFlag, displayRange, displayValue } from "@/lib/ehr/timeline/event-display";
import { isAbnormal } from "@/lib/ehr/timeline/lane-groups";
import { formatTime } from "@/lib/ehr/timeline/time-axis";
import { contains, type TimeWindow } from "@/lib/ehr/timeline/time-window";
import { assignSlots, type RowSlots } from "@/lib/ehr/timeline/row-slots";
import { laneOf } from "@/lib/ehr/timeline/timeline-lanes";
import type { TimelineEvent } from "@/lib/ehr/timeline/timeline-types";
import { LANE_STYLE } from "./lane-style";
import type { Selection } from "./selection";

const ROW_HEIGHT = 24;
const COLUMNS = "grid-cols-[9.5rem_6.5rem_minmax(0,1fr)_minmax(6rem,12rem)_6.5rem_4.5rem]";
/** Start loading the next page this many rows before the loaded end shows. */
const PREFETCH_ROWS = 60;

export type EventTableProps = {
  rows: readonly TimelineEvent[];
  total: number | null;
  hasMore: boolean;
  isFetching: boolean;
  isError: boolean;
  fetchMore: () => void;
  selection: Selection | null;
  onSelect: (selection: Selection) => void;
  cutoff: number | null;
  /** The window the rows come from (the timeline's view, settled). */
  window: TimeWindow;
  caption: string;
};

const rowId = (id: string) => `event-row-${id}`;
/** Where a row of the table draws: at its own offset, whatever slot shows it. */
const rowStyle = (start: number) => ({ height: ROW_HEIGHT, transform: `translateY(${start}px)` });
/** A row on screen whose page is still loading. */
const pendingRowId = (index: number) => `event-row-pending-${index}`;

type EventRowProps = {
  row: TimelineEvent;
  index: number;
  start: number;
  isSelected: boolean;
  cutoff: number | null;
  firstAfterCutoff: boolean;
  onSelect: (selection: Selection) => void;
};

/**
 * One row, memoized: a scroll frame re-renders the table, but a row already on screen keeps its
 * props (its offset is its own, not the scroll's), so only the rows coming into view render.
 */
const EventRow = memo(function EventRow(props: EventRowProps) {
  const { row, index, start, isSelected, cutoff, firstAfterCutoff, onSelect } = props;
  const time = Date.parse(row.time);
  const isAfter = cutoff !== null && time > cutoff;
  const abnormal = isAbnormal(row);
  const lane = laneOf(row.category);
  return (
    <div
      id={rowId(row.id)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      onClick={() => onSelect({ id: row.id, time, category: row.category, origin: "table" })}
      className={`absolute inset-x-0 top-0 grid ${COLUMNS} cursor-default items-center border-b border-slate-100 dark:border-slate-800 ${
        isSelected
          ? "bg-amber-100 dark:bg-amber-900/50"
          : isAfter
            ? "bg-slate-100 text-slate-600 dark:bg-slate-800/60 dark:text-slate-400"
            : "hover:bg-slate-50 dark:hover:bg-slate-800/50"
      } ${firstAfterCutoff ? "border-t-2 border-t-red-500" : ""}`}
      style={rowStyle(start)}
      data-testid="event-row"
      data-category={row.category}
    >
      <div role="gridcell" className="truncate px-2 tabular-nums">
        {formatTime(time)}
      </div>
      <div role="gridcell" className={`truncate px-2 ${isAfter ? "" : LANE_STYLE[lane].text}`}>
        {row.category}
      </div>
      <div role="gridcell" className="truncate px-2" title={row.label}>
        {row.label}
      </div>
      <div
        role="gridcell"
        className={`truncate px-2 tabular-nums ${abnormal && !isAfter ? "font-semibold text-red-700 dark:text-red-400" : ""}`}
        title={row.valueText ?? undefined}
      >
        {displayValue(row)}
      </div>
      <div role="gridcell" className="truncate px-2 text-slate-600 tabular-nums dark:text-slate-400">
        {displayRange(row)}
      </div>
      <div role="gridcell" className={`truncate px-2 ${abnormal ? "text-red-700 dark:text-red-400" : ""}`}>
        {displayFlag(row)}
      </div>
    </div>
  );
});

export const EventTable = memo(function EventTable(props: EventTableProps) {
  const { rows, total, hasMore, isFetching, fetchMore, selection, onSelect, cutoff } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = Math.max(total ?? rows.length, rows.length);
  const [missing, setMissing] = useState<string | null>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  // DOM rows keyed by slot, not by event (row-slots.ts), carrying on from the last committed
  // frame, and laid out in slot order: a row handed to another event then stays where it is
  // among its siblings (moved, the browser would build it again). Each row is placed by its
  // offset, and the row group's aria-owns gives assistive technology the rows in table order.
  const slotsRef = useRef<RowSlots>(new Map());
  const slots = assignSlots(
    slotsRef.current,
    items.map((item) => item.index),
  );
  useLayoutEffect(() => {
    slotsRef.current = slots;
  });
  const itemsBySlot = [...items].sort((a, b) => slots.get(a.index)! - slots.get(b.index)!);
  const domId = (index: number) => (rows[index] ? rowId(rows[index].id) : pendingRowId(index));
  const lastVisible = items.length ? items[items.length - 1].index : 0;

  // Load ahead of the scroll.
  useEffect(() => {
    if (hasMore && !isFetching && lastVisible >= rows.length - PREFETCH_ROWS) fetchMore();
  }, [lastVisible, rows.length, hasMore, isFetching, fetchMore]);

  // Find a selection once per selection: scroll to it, or load pages until its time is
  // reached. While the view is still moving to it (its time outside this table's window),
  // wait for the new window's rows.
  const pending = useRef<Selection | null>(null);
  useEffect(() => {
    pending.current = selection;
    setMissing(null);
  }, [selection]);
  const selectedId = selection?.id;
  // Once per change of the rows or the selection, not at every scroll frame (50,000 rows).
  const selectedIndex = useMemo(
    () => (selectedId ? rows.findIndex((row) => row.id === selectedId) : -1),
    [rows, selectedId],
  );
  useEffect(() => {
    const target = pending.current;
    if (!target) return;
    if (selectedIndex >= 0) {
      virtualizer.scrollToIndex(selectedIndex, { align: target.origin === "table" ? "auto" : "center" });
      pending.current = null;
      return;
    }
    if (isFetching || !contains(props.window, target.time)) return;
    const lastTime = rows.length ? Date.parse(rows[rows.length - 1].time) : -Infinity;
    if (hasMore && lastTime <= target.time) {
      fetchMore();
      return;
    }
    pending.current = null;
    setMissing(target.id);
  }, [selection, selectedIndex, rows, hasMore, isFetching, fetchMore, virtualizer, props.window]);

  function move(to: number) {
    const row = rows[Math.min(Math.max(to, 0), rows.length - 1)];
    if (row) onSelect({ id: row.id, time: Date.parse(row.time), category: row.category, origin: "table" });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(Math.floor((scrollRef.current?.clientHeight ?? 240) / ROW_HEIGHT) - 1, 1);
    const from = selectedIndex >= 0 ? selectedIndex : (items[0]?.index ?? 0) - 1;
    const targets: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (!(event.key in targets)) return;
    event.preventDefault();
    move(targets[event.key]);
  }

  const firstAfterCutoff = useMemo(
    () => (cutoff === null ? -1 : rows.findIndex((row) => Date.parse(row.time) > cutoff)),
    [rows, cutoff],
  );

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-2 py-1 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
        <span id="event-table-caption" className="truncate" aria-live="polite">
          {props.caption}
          {" · "}
          <span className="tabular-nums" data-testid="table-count">
            {total === null ? "…" : `${total.toLocaleString("en-US")} event${total === 1 ? "" : "s"}`}
          </span>
          {isFetching ? " · loading…" : ""}
          {props.isError ? " · failed to load, retrying" : ""}
        </span>
        {missing && missing === selection?.id ? (
          <span className="shrink-0 text-amber-700 dark:text-amber-400">Selected event is filtered out</span>
        ) : null}
      </div>
      <div
        ref={scrollRef}
        role="grid"
        aria-labelledby="event-table-caption"
        aria-rowcount={count + 1}
        aria-colcount={6}
        aria-activedescendant={selectedIndex >= 0 ? rowId(rows[selectedIndex].id) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="relative min-h-0 flex-1 overflow-auto text-xs outline-offset-[-2px]"
        data-testid="event-table"
      >
        <div
          role="row"
          aria-rowindex={1}
          className={`sticky top-0 z-10 grid ${COLUMNS} border-b border-slate-300 bg-slate-100 font-medium text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200`}
          style={{ height: ROW_HEIGHT }}
        >
          {["Time (UTC)", "Category", "Item", "Value", "Reference", "Flag"].map((name) => (
            <div key={name} role="columnheader" className="flex items-center px-2">
              {name}
            </div>
          ))}
        </div>
        <div
          role="rowgroup"
          aria-owns={items.map((item) => domId(item.index)).join(" ") || undefined}
          style={{ height: virtualizer.getTotalSize(), position: "relative" }}
        >
          {itemsBySlot.map((item) => {
            const row = rows[item.index];
            const key = `slot-${slots.get(item.index)}`;
            if (!row) {
              return (
                <div
                  key={key}
                  id={pendingRowId(item.index)}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={`absolute inset-x-0 top-0 grid ${COLUMNS} text-slate-400`}
                  style={rowStyle(item.start)}
                >
                  <div role="gridcell" className="px-2 py-1">
                    …
                  </div>
                </div>
              );
            }
            return (
              <EventRow
                key={key}
                row={row}
                index={item.index}
                start={item.start}
                isSelected={row.id === selection?.id}
                cutoff={cutoff}
                firstAfterCutoff={item.index === firstAfterCutoff}
                onSelect={onSelect}
              />
            );
          })}
        </div>
        {count === 0 && !isFetching ? (
          <p className="p-4 text-center text-slate-600 dark:text-slate-400">No events in this window.</p>
        ) : null}
      </div>
    </div>
  );
});
