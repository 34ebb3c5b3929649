"use client";

// The selected event in full: every field, the whole text, and the source row's other
// columns as they arrived (what the EHR-R1 prompt is built from).
import { memo } from "react";
import { displayFlag, displayRange, displayValue } from "@/lib/ehr/timeline/event-display";
import { formatTime } from "@/lib/ehr/timeline/time-axis";
import type { Selection } from "./selection";
import { useEventDetail } from "./use-record-data";

type EventDetailsProps = { patientId: string; selection: Selection | null; cutoff: number | null };

function Row({ name, value }: { name: string; value: string | null | undefined }) {
  if (!value) return null;
  return (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{name}</dt>
      <dd className="min-w-0 break-words">{value}</dd>
    </>
  );
}

export const EventDetails = memo(function EventDetails({ patientId, selection, cutoff }: EventDetailsProps) {
  const detail = useEventDetail(patientId, selection);
  if (!selection) {
    return (
      <p className="p-3 text-xs text-slate-600 dark:text-slate-400">
        Select an event on the timeline, in the table or in a trend to see it in full.
      </p>
    );
  }
  const event = detail.data;
  if (!event) {
    return (
      <p className="p-3 text-xs text-slate-600 dark:text-slate-400">{detail.isPending ? "Loading…" : "Not found."}</p>
    );
  }
  const attributes = Object.entries(event.attributes ?? {}).filter(([, value]) => value !== null && value !== "");
  return (
    // Focusable so keyboard users can scroll a long source row.
    <div tabIndex={0} aria-label={`Details of ${event.label}`} className="h-full overflow-auto p-3 text-xs">
      <h3 className="mb-2 text-sm font-semibold">{event.label}</h3>
      {cutoff !== null && Date.parse(event.time) > cutoff ? (
        <p className="mb-2 text-amber-800 dark:text-amber-300">
          After the cut-off: a model at this cut-off does not see it.
        </p>
      ) : null}
      <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-0.5">
        <Row name="Time (UTC)" value={formatTime(event.time, true)} />
        <Row name="Until" value={event.endTime ? formatTime(event.endTime, true) : null} />
        <Row name="Category" value={event.category} />
        <Row name="Source" value={event.sourceTable} />
        <Row name="Code" value={event.code ? `${event.code} (${event.codeSystem ?? "no system"})` : null} />
        <Row name="Value" value={event.valueNum !== null ? displayValue(event) : null} />
        <Row name="Reference" value={displayRange(event)} />
        <Row name="Flag" value={displayFlag(event)} />
      </dl>
      {event.valueText && event.valueNum === null ? (
        <p className="mt-2 max-w-[80ch] whitespace-pre-wrap">{event.valueText}</p>
      ) : null}
      {attributes.length > 0 ? (
        <>
          <h4 className="mt-3 mb-1 font-semibold text-slate-700 dark:text-slate-300">Source row</h4>
          <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-0.5 font-mono text-[11px]">
            {attributes.map(([name, value]) => (
              <Row key={name} name={name} value={typeof value === "string" ? value : JSON.stringify(value)} />
            ))}
          </dl>
        </>
      ) : null}
    </div>
  );
});
