// What a reader gets for one run: evidence links to the events the reasoning names, the
// ground truth (only for admins and the run's creator) compared with the items, the task
// options a patient's record allows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { at } from "../model/testing/record-builder";
import type * as CreateModule from "./create-run";
import type * as ExecutorModule from "./run-executor";
import type * as GetRunModule from "./get-run";
import type * as OptionsModule from "./task-options";
import { CUTOFF, seedConcepts, seedPatient, seedUser } from "./test-support";

let database: TestDatabase;
let modules: {
  create: typeof CreateModule;
  executor: typeof ExecutorModule;
  getRun: typeof GetRunModule;
  options: typeof OptionsModule;
};
let patientId: string;
let creator: Awaited<ReturnType<typeof seedUser>>;
let runId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  delete process.env.EHR_R1_BASE_URL;
  modules = {
    create: await import("./create-run"),
    executor: await import("./run-executor"),
    getRun: await import("./get-run"),
    options: await import("./task-options"),
  };
  await seedConcepts(database.prisma);
  ({ patientId } = await seedPatient(database.prisma, "92000001"));
  creator = await seedUser(database.prisma, "Chris Clinician");
  ({ id: runId } = await modules.create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF }, creator));
  await modules.executor.submitRun(runId, "baseline");
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

describe("a run's detail", () => {
  it("links what the reasoning names to the latest such event before the cut-off", async () => {
    const run = await modules.getRun.getRun(runId, creator);
    expect(run.status).toBe("done");
    const sodium = run.evidence.find((e) => e.label === "Sodium")!;
    // Two Sodium results before the cut-off (10:00 and 20:00); the one at the cut-off is after.
    expect(sodium).toMatchObject({ category: "lab", valueNum: 132, time: at("2150-01-01 20:00:00").toISOString() });
    for (const { start, end } of sodium.occurrences)
      expect(run.reasoning.slice(start, end).toLowerCase()).toBe("sodium");
    const event = await database.prisma.event.findUniqueOrThrow({ where: { id: BigInt(sodium.eventId) } });
    expect(event.label).toBe("Sodium");
  });

  it("shows the ground truth to the creator and admins only, compared with the items", async () => {
    const run = await modules.getRun.getRun(runId, creator);
    expect(run.groundTruthVisible).toBe(true);
    expect(run.groundTruth).toMatchObject({ kind: "items", time: CUTOFF.toISOString() });
    const truth = run.groundTruth as Extract<GetRunModule.RunDetail["groundTruth"], { kind: "items" }>;
    expect(truth.truth.map((t) => t.label).sort()).toEqual(["Potassium", "Sodium"]);
    expect(truth.truth.find((t) => t.label === "Sodium")!.predicted).toBe(run.items.some((i) => i.label === "Sodium"));
    expect(truth.precision).toBeCloseTo(truth.predicted.filter((p) => p.hit).length / run.items.length);

    const admin = await seedUser(database.prisma, "Ada Admin", "admin");
    expect((await modules.getRun.getRun(runId, admin)).groundTruthVisible).toBe(true);
    const annotator = await seedUser(database.prisma, "Ann Annotator", "annotator");
    const hidden = await modules.getRun.getRun(runId, annotator);
    expect(hidden).toMatchObject({ groundTruthVisible: false, groundTruth: null });
    // Everything else is the same for every reviewer.
    expect(hidden.reasoning).toBe(run.reasoning);
  });

  it("gives the text with the seq it includes, and steps with stable ids", async () => {
    const run = await modules.getRun.getRun(runId, creator);
    const chunks = await database.prisma.runChunk.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    expect(run.lastSeq).toBe(chunks.at(-1)!.seq);
    expect(run.steps.length).toBeGreaterThan(2);
    expect(run.steps.map((s) => s.id)).toContain("extraction-1");
    expect(run.timings.totalMs).toBeGreaterThanOrEqual(0);
    const prompt = await modules.getRun.getRunPrompt(runId, creator);
    expect(prompt).toMatchObject({
      system: "You are a helpful assistant.",
      backend: { label: "Baseline (not EHR-R1)" },
    });
    expect(prompt.prompt).toMatch(/\/think$/);
  });
});

describe("task options for a patient", () => {
  it("marks what the record cannot answer and suggests a cut-off per admission", async () => {
    const { tasks, admissions } = await modules.options.listTaskOptions(patientId);
    const byKey = new Map(tasks.map((t) => [t.key, t]));
    expect(byKey.get("labevents")).toMatchObject({ available: true, reason: null, group: "decision_making" });
    expect(byKey.get("ICU_Mortality_1day")).toMatchObject({
      available: false,
      reason: expect.stringMatching(/icustays/),
    });
    expect(tasks.length).toBeGreaterThan(40);
    expect(admissions).toHaveLength(1);
    // The authors' last lab sample of the admission: 20:00 heads a run of lab rows that goes on
    // to 06:00 (no other table in between), so 06:00 is no sample time; none is a day in.
    expect(admissions[0].cutoffs.labevents).toBe(at("2150-01-01 20:00:00").toISOString());
    expect(admissions[0].cutoffs.Inpatient_Mortality).toBe(at("2150-01-02 08:00:00").toISOString());
    expect(admissions[0].cutoffs.Readmission_30day).toBe(at("2150-01-05 08:00:00").toISOString());
    expect(admissions[0].cutoffs.ICU_Mortality_1day).toBeNull();
  });
});

describe("evidence links", () => {
  it("point only at events the prompt showed, never at earlier ones outside the task's window", async () => {
    const { patientId: other } = await seedPatient(database.prisma, "92000002");
    // A Potassium result three weeks before the admission: before the cut-off, but outside
    // the labevents window (the current admission), so the prompt does not show it.
    const outside = await database.prisma.event.create({
      data: {
        patientId: other,
        time: at("2149-12-10 09:00:00"),
        category: "lab",
        sourceTable: "labevents",
        label: "Potassium",
        valueNum: 5.9,
        provenance: "labevents:outside-window",
      },
    });
    const { id } = await modules.create.createRun({ patientId: other, taskKey: "labevents", cutoff: CUTOFF }, creator);
    await modules.executor.submitRun(id, "baseline");
    await expect.poll(async () => (await modules.getRun.getRun(id, creator)).status).toBe("done");
    const stored = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id } });
    expect(stored.promptEventIds.length).toBeGreaterThan(0);
    expect(stored.promptEventIds).not.toContain(outside.id);
    // A reasoning naming both: only Sodium (in the prompt) links.
    await database.prisma.predictionRun.update({
      where: { id },
      data: { reasoning: "## Extraction\nPotassium was high before; Sodium 132 now.\n" },
    });
    const run = await modules.getRun.getRun(id, creator);
    expect(run.evidence.map((link) => link.label)).toEqual(["Sodium"]);
    expect(stored.promptEventIds.map(String)).toContain(run.evidence[0].eventId);
  });
});
