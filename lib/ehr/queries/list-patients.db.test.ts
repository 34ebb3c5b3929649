// The patient list against a real PostgreSQL: search, filters (source, runs, assigned to
// me), every sort in both orders, keyset pages forwards and backwards, and the counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import type * as ListPatients from "./list-patients";
import { PATIENT_SORTS, type PatientPage } from "./list-patients.types";

let database: TestDatabase;
let listPatients: typeof ListPatients.listPatients;
const viewerId = "viewer-1";
const ids: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  ({ listPatients } = await import("./list-patients"));
  const prisma = database.prisma;
  await prisma.user.createMany({
    data: [
      { id: viewerId, name: "Viewer", email: "viewer@test.local" },
      { id: "someone-else", name: "Else", email: "else@test.local" },
    ],
  });
  await prisma.task.create({
    data: {
      key: "test-task",
      group: "risk_prediction",
      answerType: "yes_no",
      title: "Test",
      instruction: "Test",
      contextRule: "all",
      sourceTable: "admissions",
      groundTruth: "none",
    },
  });
  await prisma.backend.create({ data: { id: "baseline", name: "Baseline", kind: "baseline" } });
  const queue = await prisma.queue.create({ data: { name: "Q", kind: "agreement" } });
  // 23 patients: a prime count, so pages of 5 end on a partial page.
  for (let i = 0; i < 23; i += 1) {
    const patient = await prisma.patient.create({
      data: {
        source: i % 3 === 0 ? "fhir" : "mimic-iv",
        externalId: String(10000100 + i),
        name: i % 3 === 0 ? `Patient ${String.fromCharCode(65 + (i % 7))}${i}` : null,
        anchorAge: 40 + i,
      },
    });
    ids.push(patient.id);
    // Admissions: i % 4 of them, the last one later for higher i; events: (i * 7) % 11.
    for (let a = 0; a < i % 4; a += 1) {
      await prisma.encounter.create({
        data: {
          patientId: patient.id,
          kind: "admission",
          externalId: `${i}-${a}`,
          start: new Date(Date.UTC(2150, a, 1 + i)),
          provenance: `admissions:${i}-${a}`,
        },
      });
    }
    await prisma.event.createMany({
      data: Array.from({ length: (i * 7) % 11 }, (_, e) => ({
        patientId: patient.id,
        time: new Date(Date.UTC(2150, 0, 1, e)),
        category: "lab" as const,
        sourceTable: "labevents",
        label: "x",
        provenance: `e:${e}`,
      })),
    });
    if (i % 5 === 0) {
      await prisma.predictionRun.create({
        data: { patientId: patient.id, taskKey: "test-task", backendId: "baseline", cutoff: new Date() },
      });
    }
    if (i % 6 === 1) {
      const item = await prisma.queueItem.create({
        data: { queueId: queue.id, patientId: patient.id, taskKey: "test-task", cutoff: new Date() },
      });
      // One of the viewer's assignments is released: it no longer counts.
      await prisma.assignment.create({
        data: { queueItemId: item.id, userId: viewerId, status: i === 19 ? "released" : "reserved" },
      });
      await prisma.assignment.create({ data: { queueItemId: item.id, userId: "someone-else" } });
    }
  }
});

afterAll(async () => {
  const { db } = await import("../../db");
  await db.$disconnect();
  await database.drop();
});

async function walk(options: ListPatients.PatientListOptions) {
  const pages: PatientPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPatients({ ...options, cursor });
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

describe("listPatients", () => {
  it("counts admissions, events and runs, and knows the viewer's assignments", async () => {
    const { patients, total } = await listPatients({ viewerId, limit: 200 });
    expect(total).toBe(23);
    const third = patients.find((patient) => patient.externalId === "10000103")!;
    expect(third).toMatchObject({ admissions: 3, events: 21 % 11, runs: 0, assignedToMe: false });
    expect(patients.find((patient) => patient.externalId === "10000100")).toMatchObject({ runs: 1, events: 0 });
    expect(patients.find((patient) => patient.externalId === "10000101")!.assignedToMe).toBe(true);
    expect(patients.find((patient) => patient.externalId === "10000119")!.assignedToMe).toBe(false);
  });

  it("searches subject id prefixes, names and exact patient ids", async () => {
    expect((await listPatients({ q: "1000011" })).patients.map((p) => p.externalId)).toEqual(
      Array.from({ length: 10 }, (_, i) => String(10000110 + i)),
    );
    expect((await listPatients({ q: "patient a" })).patients.map((p) => p.name)).toEqual(["Patient A0", "Patient A21"]);
    expect((await listPatients({ q: ids[4] })).patients.map((p) => p.id)).toEqual([ids[4]]);
    expect((await listPatients({ q: "0001" })).total).toBe(0);
  });

  it("filters by source, runs and open assignments", async () => {
    expect((await listPatients({ source: "fhir" })).total).toBe(8);
    expect((await listPatients({ hasRuns: true })).total).toBe(5);
    expect((await listPatients({ hasRuns: false })).total).toBe(18);
    const mine = await listPatients({ assignedOnly: true, viewerId });
    expect(mine.patients.map((p) => p.externalId)).toEqual(["10000101", "10000107", "10000113"]);
    expect(mine.patients.every((p) => p.assignedToMe)).toBe(true);
    expect((await listPatients({ assignedOnly: true, viewerId, source: "fhir" })).total).toBe(0);
  });

  it("pages through every sort and order: each patient once, in order, backwards too", async () => {
    for (const sort of PATIENT_SORTS) {
      for (const order of ["asc", "desc"] as const) {
        const pages = await walk({ sort, order, limit: 5 });
        const seen = pages.flatMap((page) => page.patients);
        expect(seen.map((p) => p.id).sort(), `${sort} ${order}`).toEqual([...ids].sort());
        expect(pages).toHaveLength(5);
        const values = seen.map((p) =>
          sort === "name" ? (p.name ?? "") : sort === "lastAdmission" ? (p.lastAdmission ?? "") : p[sort],
        );
        const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(values, `${sort} ${order}`).toEqual(order === "asc" ? sorted : sorted.reverse());
        expect(pages[0].prevCursor).toBeNull();
        // Walking back from the last page retraces the same pages.
        let page = pages.at(-1)!;
        for (let index = pages.length - 2; index >= 0; index -= 1) {
          page = await listPatients({ sort, order, limit: 5, cursor: page.prevCursor! });
          expect(
            page.patients.map((p) => p.id),
            `${sort} ${order} back to ${index}`,
          ).toEqual(pages[index].patients.map((p) => p.id));
        }
        expect(page.prevCursor).toBeNull();
      }
    }
  });
});
