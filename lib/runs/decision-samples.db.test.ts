// Decision sample times are kept per patient until the record changes: a second ask gets the
// same answer without working it out again, and an import that adds an event is seen at once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import type * as SamplesModule from "./decision-samples";
import { seedPatient } from "./test-support";

let database: TestDatabase;
let samples: typeof SamplesModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  samples = await import("./decision-samples");
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

const times = (found: SamplesModule.DecisionSamples, admissionId: string, table: string) =>
  (found.get(samples.sampleKey(admissionId, table)) ?? []).map((time) => time.toISOString());

it("keeps a patient's sample times until an import adds to the record", async () => {
  const { patientId } = await seedPatient(database.prisma, "96100001");
  const admission = await database.prisma.encounter.findFirstOrThrow({ where: { patientId, kind: "admission" } });

  const first = await samples.decisionSamples(patientId);
  // Labs with same-admission context before them are samples (sample-window.test.ts has the rules).
  expect(times(first, admission.id, "labevents")).toEqual(["2150-01-01T10:00:00.000Z", "2150-01-01T20:00:00.000Z"]);
  // Asked again with nothing changed: the kept answer, the very same object.
  expect(await samples.decisionSamples(patientId)).toBe(first);

  // An import adds a prescription after the day-2 labs: the next answer has its sample.
  expect(times(first, admission.id, "prescriptions")).toEqual(["2150-01-01T12:00:00.000Z"]);
  const prescription = await database.prisma.event.findFirstOrThrow({
    where: { patientId, sourceTable: "prescriptions" },
  });
  const { id: _id, ...copy } = prescription;
  await database.prisma.event.create({
    data: {
      ...copy,
      attributes: copy.attributes ?? {},
      time: new Date("2150-01-02T08:00:00Z"),
      endTime: null,
      provenance: "prescriptions:#961000012",
    },
  });
  const after = await samples.decisionSamples(patientId);
  expect(after).not.toBe(first);
  expect(times(after, admission.id, "prescriptions")).toEqual(["2150-01-01T12:00:00.000Z", "2150-01-02T08:00:00.000Z"]);
});
