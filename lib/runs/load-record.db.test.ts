// The record read through pg is what Prisma would have given, cell for cell (bigint ids, UTC
// Dates, numbers, parsed JSON), in the same order, and the time bounds are inclusive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import type * as LoadModule from "./load-record";
import { CUTOFF, seedPatient } from "./test-support";

let database: TestDatabase;
let patientId: string;
let load: typeof LoadModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  load = await import("./load-record");
  ({ patientId } = await seedPatient(database.prisma, "96000001"));
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

const EVENT_FIELDS = {
  id: true,
  sourceRow: true,
  encounterId: true,
  time: true,
  endTime: true,
  category: true,
  sourceTable: true,
  codeSystem: true,
  code: true,
  label: true,
  valueNum: true,
  unit: true,
  valueText: true,
  refLow: true,
  refHigh: true,
  flag: true,
  attributes: true,
} as const;

describe("loadRecordUpTo", () => {
  it("reads the patient, encounters and events up to the cut-off as Prisma would", async () => {
    const { prisma } = database;
    const { encounters, ...patient } = await prisma.patient.findUniqueOrThrow({
      where: { id: patientId },
      select: {
        id: true,
        gender: true,
        anchorAge: true,
        birthDate: true,
        deathTime: true,
        demographics: true,
        encounters: {
          orderBy: { start: "asc" },
          select: { id: true, kind: true, externalId: true, parentId: true, start: true, end: true, attributes: true },
        },
      },
    });
    const events = await prisma.event.findMany({
      where: { patientId, time: { lte: CUTOFF } },
      orderBy: [{ time: "asc" }, { id: "asc" }],
      select: EVENT_FIELDS,
    });
    expect(events.some((event) => event.time.getTime() === CUTOFF.getTime())).toBe(true);
    // Plus the MIMIC-IV files' column types (none here: the patient was not imported from CSV).
    expect(await load.loadRecordUpTo(patientId, CUTOFF)).toEqual({
      patient,
      encounters,
      events,
      columnTypes: new Map(),
    });
  });

  it("bounds events on both sides, inclusively", async () => {
    const all = await load.loadEvents(patientId, {});
    const [from, to] = [all[1].time, all.at(-2)!.time];
    const inside = all.filter((event) => event.time >= from && event.time <= to);
    expect(await load.loadEvents(patientId, { from, to })).toEqual(inside);
  });

  it("says a missing patient is not found", async () => {
    await expect(load.loadPatientRecord("00000000-0000-4000-8000-000000000000")).rejects.toThrow(/Patient/);
  });
});
