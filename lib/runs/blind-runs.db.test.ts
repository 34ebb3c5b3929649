// Blind review through the runs API (issue 18, bug 9): while a queue member still has to rate
// an item, neither the runs list, its backend filter nor the run's detail betrays the backend
// (name, usage, timings, finish reason, error text); once they have rated, all of it shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createCatalogRows, createPatient, createQueue, createRun, createUsers } from "../review/test-support";
import type * as SaveModule from "../review/save-rating";
import { SaveRatingRequest } from "../review/save-rating.types";
import type * as GetRunModule from "./get-run";
import type * as ListModule from "./list-runs";

let database: TestDatabase;
let list: typeof ListModule;
let detail: typeof GetRunModule;
let save: typeof SaveModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  list = await import("./list-runs");
  detail = await import("./get-run");
  save = await import("../review/save-rating");
  await createCatalogRows(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

/** A queue holding one LLM run with usage and timings; the clinician still has it to rate. */
async function blindQueue() {
  const [clinician] = await createUsers(database.prisma, ["clinician"]);
  const patientId = await createPatient(database.prisma);
  const runId = await createRun(database.prisma, { patientId, backendId: "ehr-r1" });
  await database.prisma.predictionRun.update({
    where: { id: runId },
    data: {
      usage: { promptTokens: 900, completionTokens: 300, totalTokens: 1200 },
      finishReason: "stop",
      startedAt: new Date("2026-01-01T10:00:00Z"),
      finishedAt: new Date("2026-01-01T10:00:42Z"),
    },
  });
  const queue = await createQueue(database.prisma, { memberIds: [clinician.id], items: [{ patientId, runId }] });
  const reader = { id: clinician.id, roles: ["clinician" as const] };
  return { reader, runId, queueItemId: queue.itemIds[0] };
}

describe("blind queue runs in the runs API", () => {
  it("hides the backend, usage, timings and finish reason until the member has rated", async () => {
    const { reader, runId, queueItemId } = await blindQueue();

    const listed = (await list.listRuns(reader)).runs.find((run) => run.id === runId)!;
    expect(listed.backend).toMatchObject({ id: "blinded", label: "Hidden until you have rated", model: null });
    expect(listed.durationMs).toBeNull();
    expect(listed.finishedAt).toBeNull();
    expect(JSON.stringify(listed)).not.toMatch(/EHR-R1|ehr-r1/);

    const run = await detail.getRun(runId, reader);
    expect(run).toMatchObject({
      isBlinded: true,
      modelName: null,
      usage: null,
      finishReason: null,
      timings: { queuedMs: null, firstOutputMs: null, totalMs: null },
      startedAt: null,
      finishedAt: null,
    });
    expect(run.backend.id).toBe("blinded");

    await database.prisma.assignment.create({ data: { queueItemId, userId: reader.id } });
    await save.saveRating({
      userId: reader.id,
      runId,
      input: SaveRatingRequest.parse({
        kind: "agreement",
        queueItemId,
        status: "submitted",
        version: 0,
        items: [1, 2, 3].map((rank) => ({ rank, value: 2 })),
        overall: 2,
        confidence: 4,
      }),
    });
    const rated = await detail.getRun(runId, reader);
    expect(rated).toMatchObject({ isBlinded: false, modelName: "BlueZeros/EHR-R1-8B", finishReason: "stop" });
    expect(rated.usage).toEqual({ promptTokens: 900, completionTokens: 300, totalTokens: 1200 });
    expect(rated.backend).toMatchObject({ id: "ehr-r1", label: "EHR-R1 8B" });
    const listedAfter = (await list.listRuns(reader)).runs.find((r) => r.id === runId)!;
    expect(listedAfter.backend.id).toBe("ehr-r1");
    expect(listedAfter.durationMs).toBe(42_000);
  });

  it("does not let the backend filter sort out a blind run", async () => {
    const { reader, runId } = await blindQueue();
    expect((await list.listRuns(reader, { backendId: "ehr-r1" })).runs.map((r) => r.id)).not.toContain(runId);
    expect((await list.listRuns(reader, { backendId: "baseline" })).runs.map((r) => r.id)).not.toContain(runId);
    expect((await list.listRuns(reader)).runs.map((r) => r.id)).toContain(runId);
  });

  it("withholds a failed blind run's error text, which could name the backend", async () => {
    const { reader, runId } = await blindQueue();
    await database.prisma.predictionRun.update({
      where: { id: runId },
      data: { status: "failed", error: "EHR-R1 8B at http://gpu-1:8000 refused the connection" },
    });
    const listed = (await list.listRuns(reader)).runs.find((run) => run.id === runId)!;
    expect(listed.error).not.toMatch(/EHR-R1|gpu-1/);
    const run = await detail.getRun(runId, reader);
    expect(run.error).not.toMatch(/EHR-R1|gpu-1/);
  });
});
