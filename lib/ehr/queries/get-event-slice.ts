// GET /api/patients/:id/events in one function: a page of events, or (when asked for bins
// and the window is too dense to draw) counts per bin.
import "server-only";
import type { z } from "zod";
import { dbPool } from "../../db";
import { ensurePatientEvents } from "../mimic-code/materialize-patient";
import { binEvents } from "./bin-events";
import { countEvents } from "./count-events";
import type { EventFilter } from "./event-filter";
import { getPatientExtent } from "./get-patient-extent";
import { listEvents, type ListEventsOptions } from "./list-events";
import { chooseResolution } from "./resolution";
import type { EventSlice } from "../timeline/timeline-types";
import type { EventsQuery } from "./event-query.types";

export type EventSliceOptions = ListEventsOptions & { binCount?: number };

export async function getEventSlice(
  patientId: string,
  filter: EventFilter,
  options: EventSliceOptions,
): Promise<EventSlice> {
  // The events route reads the page beside requirePatient: a patient registered from a
  // mimic-code database must have their events in `event` before the first page is read.
  await ensurePatientEvents(dbPool(), patientId);
  // A cursor continues a page sequence the caller already chose.
  if (options.binCount === undefined || options.cursor) return listEvents(patientId, filter, options);
  const limit = options.limit ?? 500;
  const count = await countEvents(patientId, filter);
  if (chooseResolution({ count, limit, binCount: options.binCount }) === "events") {
    return listEvents(patientId, filter, { ...options, limit, knownTotal: count });
  }
  // Bins need edges; an open window takes the record's own.
  const extent = filter.from && filter.to ? undefined : await getPatientExtent(patientId);
  const from = filter.from ?? (extent ? new Date(extent.start) : new Date(0));
  const to = filter.to ?? (extent ? new Date(Date.parse(extent.end) + 1) : new Date());
  return binEvents(patientId, { ...filter, from, to }, options.binCount);
}

/** The events API's answer to its parsed query string: the route's, and the patient page's prefetch. */
export function getEventSliceForQuery(patientId: string, query: z.infer<typeof EventsQuery>): Promise<EventSlice> {
  return getEventSlice(
    patientId,
    { from: query.from, to: query.to, categories: query.category, q: query.q },
    { cursor: query.cursor, limit: query.limit, detail: query.detail, binCount: query.bins },
  );
}
