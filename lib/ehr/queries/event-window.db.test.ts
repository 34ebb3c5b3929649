// The timeline's queries against a real PostgreSQL with a 50,000-event patient: keyset
// pages return every event exactly once and in (time, id) order, category and text filters,
// windows [from, to), bins that add up, the bins-or-events choice, trend downsampling.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventCategory } from "../../generated/prisma/enums";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import type * as BinEvents from "./bin-events";
import type * as GetEventSlice from "./get-event-slice";
import type * as GetPatient from "./get-patient";
import type * as ListEvents from "./list-events";
import type * as ListTrends from "./list-trends";

const EVENT_COUNT = 50_000;
const START = Date.parse("2150-03-01T00:00:00.000Z");
const MINUTE = 60_000;

/** Three events share each minute, so pages must break ties by id. */
function timeOf(index: number): Date {
  return new Date(START + Math.floor(index / 3) * MINUTE);
}

/** A mix like an ICU stay's: mostly vitals, then labs, medications, a few of the rest. */
function categoryOf(index: number): EventCategory {
  const slot = index % 100;
  if (slot < 60) return "vital";
  if (slot < 85) return "lab";
  if (slot < 93) return "medication";
  if (slot < 96) return "procedure";
  if (slot < 98) return "microbiology";
  if (slot < 99) return "diagnosis";
  return "note";
}

let database: TestDatabase;
let patientId: string;
let modules: {
  listEvents: typeof ListEvents;
  binEvents: typeof BinEvents;
  getEventSlice: typeof GetEventSlice;
  listTrends: typeof ListTrends;
  getPatient: typeof GetPatient;
};
const expectedByCategory = new Map<EventCategory, number>();
let potassiumCount = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  modules = {
    listEvents: await import("./list-events"),
    binEvents: await import("./bin-events"),
    getEventSlice: await import("./get-event-slice"),
    listTrends: await import("./list-trends"),
    getPatient: await import("./get-patient"),
  };
  const patient = await database.prisma.patient.create({ data: { source: "mimic-iv", externalId: "10000001" } });
  patientId = patient.id;
  // A second patient whose events must never leak into the first one's windows.
  const other = await database.prisma.patient.create({ data: { source: "mimic-iv", externalId: "10000002" } });
  await database.prisma.event.createMany({
    data: Array.from({ length: 100 }, (_, i) => ({
      patientId: other.id,
      time: timeOf(i * 7),
      category: "lab" as const,
      sourceTable: "labevents",
      label: "Other patient's lab",
      provenance: `other:${i}`,
    })),
  });
  for (let chunk = 0; chunk < EVENT_COUNT; chunk += 5000) {
    await database.prisma.event.createMany({
      data: Array.from({ length: Math.min(5000, EVENT_COUNT - chunk) }, (_, offset) => {
        const i = chunk + offset;
        const category = categoryOf(i);
        expectedByCategory.set(category, (expectedByCategory.get(category) ?? 0) + 1);
        const isPotassium = category === "lab" && i % 2 === 0;
        if (isPotassium) potassiumCount += 1;
        const value = isPotassium ? 4 + Math.sin(i / 500) * 1.5 : (i % 37) + 60;
        return {
          patientId,
          time: timeOf(i),
          category,
          sourceTable: category === "vital" ? "chartevents" : "labevents",
          code: isPotassium ? "50971" : category === "vital" ? "220045" : null,
          label: isPotassium ? "Potassium" : category === "vital" ? "Heart Rate" : `${category} item`,
          valueNum: category === "lab" || category === "vital" ? value : null,
          unit: isPotassium ? "mEq/L" : category === "vital" ? "bpm" : null,
          refLow: isPotassium ? 3.3 : null,
          refHigh: isPotassium ? 5.1 : null,
          valueText: category === "note" ? `Note ${i}: ${"lorem ipsum ".repeat(60)}` : null,
          provenance: `test:${i}`,
        };
      }),
    });
  }
  await database.prisma.$executeRawUnsafe(`ANALYZE "event"`);
}, 120_000);

afterAll(async () => {
  const { db } = await import("../../db");
  await db.$disconnect();
  await database.drop();
});

async function readAll(filter: Parameters<typeof ListEvents.listEvents>[1], limit: number) {
  const ids: string[] = [];
  const times: string[] = [];
  let cursor: string | undefined;
  let total: number | null = null;
  let pages = 0;
  do {
    const page = await modules.listEvents.listEvents(patientId, filter, { cursor, limit });
    if (pages === 0) total = page.total;
    for (const event of page.events) {
      ids.push(event.id);
      times.push(event.time);
    }
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor);
  return { ids, times, total, pages };
}

function expectOrdered(ids: string[], times: string[]) {
  for (let i = 1; i < ids.length; i += 1) {
    const ordered = times[i - 1] < times[i] || (times[i - 1] === times[i] && BigInt(ids[i - 1]) < BigInt(ids[i]));
    if (!ordered) throw new Error(`out of order at ${i}: ${times[i - 1]}#${ids[i - 1]} then ${times[i]}#${ids[i]}`);
  }
}

describe("paging a 50,000-event record", () => {
  it("returns every event exactly once, in (time, id) order, whatever the page size", async () => {
    for (const limit of [5000, 997]) {
      const started = performance.now();
      const { ids, times, total, pages } = await readAll({}, limit);
      const elapsed = performance.now() - started;
      expect(total).toBe(EVENT_COUNT);
      expect(ids).toHaveLength(EVENT_COUNT);
      expect(new Set(ids).size).toBe(EVENT_COUNT);
      expectOrdered(ids, times);
      expect(pages).toBe(Math.ceil(EVENT_COUNT / limit));
      console.info(`read ${EVENT_COUNT} events in ${pages} pages of ${limit}: ${elapsed.toFixed(0)} ms`);
    }
  });

  it("filters by category, alone and combined", async () => {
    const labs = await readAll({ categories: ["lab"] }, 5000);
    expect(labs.ids).toHaveLength(expectedByCategory.get("lab")!);
    expectOrdered(labs.ids, labs.times);
    const mixed = await readAll({ categories: ["note", "diagnosis"] }, 100);
    expect(mixed.ids).toHaveLength(expectedByCategory.get("note")! + expectedByCategory.get("diagnosis")!);
    const page = await modules.listEvents.listEvents(patientId, { categories: ["note", "diagnosis"] }, { limit: 50 });
    expect(new Set(page.events.map((event) => event.category))).toEqual(new Set(["note", "diagnosis"]));
  });

  it("searches label and text case-insensitively, with % taken literally", async () => {
    const potassium = await modules.listEvents.listEvents(patientId, { q: "potass" }, { limit: 1 });
    expect(potassium.total).toBe(potassiumCount);
    const notes = await modules.listEvents.listEvents(patientId, { q: "LOREM" }, { limit: 1 });
    expect(notes.total).toBe(expectedByCategory.get("note"));
    const literal = await modules.listEvents.listEvents(patientId, { q: "100%" }, { limit: 1 });
    expect(literal.total).toBe(0);
  });

  it("cuts long text in lists and returns it whole with detail", async () => {
    const preview = await modules.listEvents.listEvents(patientId, { categories: ["note"] }, { limit: 1 });
    expect(preview.events[0].valueText).toHaveLength(modules.listEvents.PREVIEW_CHARS);
    expect(preview.events[0].textTruncated).toBe(true);
    expect(preview.events[0].attributes).toBeUndefined();
    const detail = await modules.listEvents.listEvents(patientId, { categories: ["note"] }, { limit: 1, detail: true });
    expect(detail.events[0].valueText!.length).toBeGreaterThan(modules.listEvents.PREVIEW_CHARS);
    expect(detail.events[0].attributes).toEqual({});
  });

  it("takes windows as [from, to): adjacent windows split the record without overlap", async () => {
    const boundary = timeOf(3000); // three events at exactly this instant (indexes 3000..3002)
    const before = await readAll({ from: timeOf(0), to: boundary }, 5000);
    const after = await readAll({ from: boundary, to: new Date(START + 365 * 24 * 60 * MINUTE) }, 5000);
    expect(before.ids).toHaveLength(3000);
    expect(after.ids).toHaveLength(EVENT_COUNT - 3000);
    expect(after.times.slice(0, 3)).toEqual([boundary.toISOString(), boundary.toISOString(), boundary.toISOString()]);
    expect(before.times.at(-1)! < boundary.toISOString()).toBe(true);
    const instant = await modules.listEvents.listEvents(patientId, {
      from: boundary,
      to: new Date(boundary.getTime() + 1),
    });
    expect(instant.events).toHaveLength(3);
  });

  it("rejects a forged cursor", async () => {
    await expect(modules.listEvents.listEvents(patientId, {}, { cursor: "not-a-cursor" })).rejects.toThrow(/cursor/);
  });
});

describe("the events' JSON", () => {
  it("is every column as Prisma reads it: string ids, ISO times, numbers, nulls, in the API's field order", async () => {
    const patient = await database.prisma.patient.create({ data: { source: "fhir", externalId: "shape-1" } });
    const encounter = await database.prisma.encounter.create({
      data: { patientId: patient.id, kind: "admission", externalId: "h1", start: new Date(START), provenance: "enc:1" },
    });
    const times = ["00:00:00.000", "00:00:00.500", "00:00:00.050", "00:00:00.123", "23:59:59.999"];
    await database.prisma.event.createMany({
      data: times.map((clock, i) => ({
        patientId: patient.id,
        encounterId: i % 2 === 0 ? encounter.id : null,
        time: new Date(`2150-03-0${i + 1}T${clock}Z`),
        endTime: i % 2 === 1 ? new Date(`2150-04-0${i + 1}T${clock}Z`) : null,
        category: i === 4 ? ("note" as const) : ("lab" as const),
        sourceTable: "labevents",
        codeSystem: i === 0 ? "loinc" : null,
        code: String(50000 + i),
        label: `Item "${i}" \\ ünï`,
        valueNum: [0.1, 1e-7, 123456.789, -0, null][i],
        unit: i === 2 ? null : "mg/dL",
        valueText: i === 4 ? "x".repeat(400) : i === 3 ? "short" : null,
        refLow: i === 1 ? 3.3 : null,
        refHigh: i === 1 ? 5.1 : null,
        flag: i === 2 ? "abnormal" : null,
        attributes: i === 0 ? { itemid: 50000, nested: { a: [1, "b"] } } : {},
        provenance: `shape:${i}`,
      })),
    });
    const stored = await database.prisma.event.findMany({
      where: { patientId: patient.id },
      orderBy: [{ time: "asc" }, { id: "asc" }],
    });
    for (const detail of [false, true]) {
      const page = await modules.listEvents.listEvents(patient.id, {}, { limit: 100, detail });
      const expected = stored.map((row) => ({
        id: row.id.toString(),
        time: row.time.toISOString(),
        endTime: row.endTime?.toISOString() ?? null,
        category: row.category,
        sourceTable: row.sourceTable,
        codeSystem: row.codeSystem,
        code: row.code,
        label: row.label,
        valueNum: row.valueNum,
        unit: row.unit,
        valueText: detail ? row.valueText : (row.valueText?.slice(0, modules.listEvents.PREVIEW_CHARS) ?? null),
        textTruncated: !detail && (row.valueText?.length ?? 0) > modules.listEvents.PREVIEW_CHARS,
        ...(detail ? { attributes: row.attributes } : {}),
        refLow: row.refLow,
        refHigh: row.refHigh,
        flag: row.flag,
        encounterId: row.encounterId,
      }));
      // The text, not only the values: field order and number formatting are what clients see.
      expect(JSON.stringify(page.events)).toBe(JSON.stringify(expected));
      expect(page.total).toBe(times.length);
      expect(page.nextCursor).toBeNull();
    }
  });
});

describe("bins", () => {
  const from = new Date(START);
  const to = new Date(START + 20 * 24 * 60 * MINUTE);

  it("counts per category per bin add up to the window's events, computed in SQL", async () => {
    const started = performance.now();
    const bins = await modules.binEvents.binEvents(patientId, { from, to }, 500);
    console.info(`binned ${EVENT_COUNT} events into 500 bins: ${(performance.now() - started).toFixed(0)} ms`);
    expect(bins.total).toBe(EVENT_COUNT);
    expect(bins.binMs).toBe((to.getTime() - from.getTime()) / 500);
    for (const [category, expected] of expectedByCategory) {
      const series = bins.counts[category]!;
      expect(series).toHaveLength(500);
      expect(series.reduce((sum, count) => sum + count, 0)).toBe(expected);
    }
    // Events fill the first ~11.6 days of 20: later bins are empty.
    expect(bins.counts.vital!.slice(300).every((count) => count === 0)).toBe(true);
  });

  it("puts each event in the bin its time falls in", async () => {
    const bins = await modules.binEvents.binEvents(patientId, { from, to: new Date(START + 10 * MINUTE) }, 10);
    // Minute m holds events 3m..3m+2: three per one-minute bin.
    const perBin = Object.values(bins.counts).reduce(
      (sums, series) => sums.map((sum, i) => sum + series![i]),
      new Array<number>(10).fill(0),
    );
    expect(perBin).toEqual(new Array(10).fill(3));
  });
});

describe("bins or events", () => {
  it("returns events when the window fits the limit, and bins when it does not", async () => {
    const small = await modules.getEventSlice.getEventSlice(
      patientId,
      { from: timeOf(0), to: timeOf(300) },
      { binCount: 100, limit: 1000 },
    );
    expect(small.kind).toBe("events");
    if (small.kind === "events") {
      expect(small.events).toHaveLength(300);
      expect(small.total).toBe(300);
      expect(small.nextCursor).toBeNull();
    }
    const started = performance.now();
    const dense = await modules.getEventSlice.getEventSlice(patientId, {}, { binCount: 400, limit: 3000 });
    console.info(`whole record as bins (count + bins + extent): ${(performance.now() - started).toFixed(0)} ms`);
    expect(dense.kind).toBe("bins");
    if (dense.kind === "bins") {
      expect(dense.total).toBe(EVENT_COUNT);
      expect(dense.from).toBe(new Date(START).toISOString());
    }
  });

  it("keeps paging as events when given a cursor", async () => {
    const first = await modules.getEventSlice.getEventSlice(patientId, {}, { limit: 10 });
    expect(first.kind).toBe("events");
    const next = await modules.getEventSlice.getEventSlice(
      patientId,
      {},
      { limit: 10, binCount: 10, cursor: first.kind === "events" ? first.nextCursor! : undefined },
    );
    expect(next.kind).toBe("events");
  });
});

describe("trends", () => {
  it("gives one series per test, downsampled to min and max per bucket", async () => {
    const from = new Date(START);
    const to = new Date(START + 12 * 24 * 60 * MINUTE);
    const started = performance.now();
    const trends = await modules.listTrends.listTrends(patientId, { from, to }, 200);
    console.info(`trends over ${EVENT_COUNT} events: ${(performance.now() - started).toFixed(0)} ms`);
    const potassium = trends.series.find((series) => series.label === "Potassium")!;
    expect(potassium.count).toBe(potassiumCount);
    expect(potassium.points.length).toBeLessThanOrEqual(200);
    expect(potassium.refLow).toBe(3.3);
    const values = potassium.points.map((point) => point.value);
    // The extremes survive downsampling, and they are the abnormal ones.
    expect(Math.max(...values)).toBeGreaterThan(5.4);
    expect(Math.min(...values)).toBeLessThan(2.6);
    expect(potassium.points.filter((point) => point.value > 5.1).every((point) => point.abnormal)).toBe(true);
    expect(potassium.points.filter((point) => point.value <= 5.1 && point.value >= 3.3).some((p) => p.abnormal)).toBe(
      false,
    );
    expect(trends.series.map((series) => series.category)).not.toContain("medication");
    // A test without a unit is a series too.
    expect(trends.series.find((series) => series.label === "lab item")).toMatchObject({ unit: null });
  });

  it("keeps every value of a short series", async () => {
    const trends = await modules.listTrends.listTrends(patientId, { from: timeOf(0), to: timeOf(300) }, 200);
    const heartRate = trends.series.find((series) => series.label === "Heart Rate")!;
    expect(heartRate.points).toHaveLength(heartRate.count);
  });
});

describe("patient header", () => {
  it("counts events per category and spans the record", async () => {
    const patient = await modules.getPatient.getPatient(patientId);
    expect(patient.eventCount).toBe(EVENT_COUNT);
    expect(patient.categoryCounts.lab).toBe(expectedByCategory.get("lab"));
    expect(patient.extent).toEqual({ start: timeOf(0).toISOString(), end: timeOf(EVENT_COUNT - 1).toISOString() });
  });
});
