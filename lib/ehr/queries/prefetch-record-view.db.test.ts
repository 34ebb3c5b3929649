// The patient page's prefetch against a real PostgreSQL: it reads, under the viewer's own
// query keys, what the events API answers for the view the viewer opens at (the address's
// view, lanes and cut-off); and in blind review nothing after the cut-off, whatever the
// address asks for.
import { QueryClient, hydrate, type DehydratedState } from "@tanstack/react-query";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import type * as GetEventSlice from "./get-event-slice";
import type * as GetPatient from "./get-patient";
import type * as ToPatientSummary from "./to-patient-summary";
import { redactAfterCutoff } from "../timeline/patient-summary";
import type * as Prefetch from "./prefetch-record-view";
import { EventsQuery } from "./event-query.types";
import { parseRecordUrlState } from "../timeline/record-url-state";
import { recordFilter, openRecordView, recordBounds, overviewWindow } from "../timeline/record-view";
import { overviewQuery, sliceQuery, transfersQuery } from "../timeline/record-queries";
import { clampWindow, fetchWindowFor, limitFetchWindow } from "../timeline/time-window";
import type { EventPage, EventSlice } from "../timeline/timeline-types";

let database: TestDatabase;
let patientId: string;
let modules: {
  prefetch: typeof Prefetch;
  getPatient: typeof GetPatient;
  summary: typeof ToPatientSummary;
  slice: typeof GetEventSlice;
};
const at = (text: string) => new Date(`${text}Z`);

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  modules = {
    prefetch: await import("./prefetch-record-view"),
    getPatient: await import("./get-patient"),
    summary: await import("./to-patient-summary"),
    slice: await import("./get-event-slice"),
  };
  const patient = await database.prisma.patient.create({ data: { source: "mimic-iv", externalId: "10000003" } });
  patientId = patient.id;
  const admission = await database.prisma.encounter.create({
    data: {
      patientId,
      kind: "admission",
      externalId: "20000003",
      start: at("2150-01-01T08:00:00"),
      end: at("2150-01-10T08:00:00"),
      provenance: "admissions:20000003",
    },
  });
  const base = { patientId, encounterId: admission.id, sourceTable: "labevents", label: "Potassium" };
  await database.prisma.event.createMany({
    data: [
      ...Array.from({ length: 200 }, (_, i) => ({
        ...base,
        time: new Date(at("2150-01-01T09:00:00").getTime() + i * 3_600_000),
        category: i % 2 ? ("lab" as const) : ("vital" as const),
        valueNum: 4 + (i % 5) / 10,
        provenance: `labevents:${i}`,
      })),
      ...["2150-01-02T10:00:00", "2150-01-07T10:00:00"].map((time, i) => ({
        ...base,
        time: at(time),
        endTime: at(time.replace("10:00", "18:00")),
        category: "transfer" as const,
        sourceTable: "transfers",
        label: "MICU",
        provenance: `transfers:${i}`,
      })),
    ],
  });
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

async function summary() {
  return modules.summary.toPatientSummary(await modules.getPatient.getPatient(patientId));
}

/** The prefetched queries as the browser's cache holds them once their promises settle. */
async function settle(state: DehydratedState): Promise<Map<string, unknown>> {
  await Promise.all(state.queries.map((query) => query.promise));
  const client = new QueryClient();
  hydrate(client, state);
  await Promise.all(state.queries.map((query) => client.fetchQuery({ queryKey: query.queryKey })));
  return new Map(state.queries.map((query) => [JSON.stringify(query.queryKey), client.getQueryData(query.queryKey)]));
}

/** What the events API answers to a URL (the route's own read). */
async function apiAnswer(url: string) {
  const query = EventsQuery.parse(Object.fromEntries(new URL(url, "http://test.invalid").searchParams));
  return JSON.parse(JSON.stringify(await modules.slice.getEventSliceForQuery(patientId, query))) as unknown;
}

describe("prefetchRecordView", () => {
  it("reads the address's view, lanes and cut-off under the viewer's keys, as the events API answers them", async () => {
    const patient = await summary();
    const fromUrl = parseRecordUrlState(
      new URLSearchParams({ from: "2150-01-03T00:00:00Z", to: "2150-01-04T00:00:00Z", lanes: "lab" }),
    );
    const input = { patient, initialCutoff: null, blind: false, fromUrl, selection: null };
    const cached = await settle(modules.prefetch.prefetchRecordView(input));

    // The keys the viewer's hooks will ask under, worked out as the viewer works them out.
    const opening = openRecordView(input);
    const bounds = recordBounds(patient, null, null);
    const filter = recordFilter(opening.lanesOn, opening.query);
    expect(filter.categories).toEqual(["lab"]);
    const window = fetchWindowFor(clampWindow(opening.view, bounds));
    const expected = [
      sliceQuery(patient.id, window, filter),
      overviewQuery(patient.id, overviewWindow(bounds, null), filter),
      transfersQuery(patient.id, null),
    ];
    expect([...cached.keys()].sort()).toEqual(expected.map((query) => JSON.stringify(query.queryKey)).sort());
    for (const query of expected) {
      expect(cached.get(JSON.stringify(query.queryKey))).toEqual(await apiAnswer(query.url));
    }
    const slice = cached.get(JSON.stringify(expected[0].queryKey)) as EventSlice;
    expect(slice.kind).toBe("events");
    const events = (slice as EventPage).events;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.category === "lab")).toBe(true);
  });

  it("in blind review reads nothing after the cut-off, whatever the address asks for", async () => {
    const patient = await summary();
    const cutoff = "2150-01-04T12:00:00.000Z";
    const blindPatient = redactAfterCutoff(patient, cutoff);
    const state = modules.prefetch.prefetchRecordView({
      patient: blindPatient,
      initialCutoff: cutoff,
      blind: true,
      fromUrl: null,
      selection: null,
    });
    const cached = await settle(state);
    expect(cached.size).toBe(3);
    const limit = Date.parse(cutoff) + 1;
    for (const [key, data] of cached) {
      const slice = data as EventSlice;
      if (slice.kind === "events") {
        for (const event of slice.events) expect(Date.parse(event.time), key).toBeLessThan(limit);
      } else {
        expect(Date.parse(slice.to), key).toBeLessThanOrEqual(limit);
      }
    }
    const transfers = cached.get(JSON.stringify(transfersQuery(patientId, limit).queryKey)) as EventPage;
    expect(transfers.events.map((event) => event.time)).toEqual(["2150-01-02T10:00:00.000Z"]);
    // The slice's window stops at the cut-off too.
    const bounds = recordBounds(blindPatient, limit, Date.parse(cutoff));
    const opening = openRecordView({
      patient: blindPatient,
      initialCutoff: cutoff,
      blind: true,
      fromUrl: null,
      selection: null,
    });
    const window = limitFetchWindow(fetchWindowFor(clampWindow(opening.view, bounds)), limit);
    expect(window!.end).toBeLessThanOrEqual(limit);
    expect(cached.has(JSON.stringify(sliceQuery(patientId, window!, recordFilter(opening.lanesOn, "")).queryKey))).toBe(
      true,
    );
  });
});
