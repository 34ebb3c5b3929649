// Batches against the fake server: the concurrency limits hold (counted where it matters, at
// the model server), progress is reported while the batch runs, and unusable patients are
// skipped with a reason; a run worker in this process executes them off the queue. Also the start-up
// sync: catalog rows, and runs left alone.
import { at } from "../model/testing/record-builder";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { TASKS } from "../model/tasks/task-catalog";
import {
  defaultReply,
  startFakeOpenAiServer,
  vllmStreamBody,
  type FakeOpenAiServer,
  type FakeReply,
} from "../model/testing/fake-openai-server";
import type * as BatchModule from "./run-batch";
import type * as SyncModule from "./sync-catalog";
import { CUTOFF, seedConcepts, seedPatient, seedUser } from "./test-support";

let database: TestDatabase;
let server: FakeOpenAiServer;
let modules: { batch: typeof BatchModule; sync: typeof SyncModule };
let user: { id: string; name: string };
const subjects = ["91000001", "91000002", "91000003", "91000004", "91000005"];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  server = await startFakeOpenAiServer({
    script: (request) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      void request.closed.then(() => (inFlight -= 1));
      return {
        kind: "raw",
        delayMs: 8,
        chunks: vllmStreamBody(defaultReply(request) as Extract<FakeReply, { kind: "stream" }>).split(/(?<=\n\n)/),
      };
    },
  });
  process.env.EHR_R1_BASE_URL = server.url;
  modules = { batch: await import("./run-batch"), sync: await import("./sync-catalog") };
  process.env.EHR_R1_WORKER_POLL_MS = "200";
  await (await import("./run-worker")).startRunWorker(database.url);
  await seedConcepts(database.prisma);
  for (const subject of subjects) await seedPatient(database.prisma, subject);
  user = await seedUser(database.prisma, "Ada Admin", "admin");
});

afterAll(async () => {
  await (await import("./run-worker")).runWorkerHere()?.stop();
  await server?.close();
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

beforeEach(() => {
  inFlight = 0;
  maxInFlight = 0;
});

async function waitForBatch(id: string) {
  const seen: BatchModule.BatchProgress[] = [];
  for (let i = 0; i < 600; i++) {
    const progress = await modules.batch.getBatchProgress(id);
    seen.push(progress);
    if (progress.finishedAt) return seen;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("batch did not finish");
}

describe("batches", () => {
  it("never has more requests at the backend than EHR_R1_CONCURRENCY, and reports progress", async () => {
    process.env.EHR_R1_CONCURRENCY = "2";
    const created = await modules.batch.createBatch(
      { taskKey: "labevents", backendId: "ehr-r1", patients: "all", concurrency: 4 },
      user,
    );
    expect(created).toMatchObject({ runs: 5, skipped: [] });
    const seen = await waitForBatch(created.id);
    expect(maxInFlight).toBe(2);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ total: 5, counts: { done: 5, failed: 0, queued: 0, streaming: 0 }, concurrency: 4 });
    // Progress moved through the states on the way.
    expect(seen.some((p) => p.counts.streaming > 0 && p.counts.queued > 0)).toBe(true);
    expect(seen.some((p) => p.counts.done > 0 && p.counts.done < 5)).toBe(true);
    const runs = await database.prisma.predictionRun.findMany({ where: { batchId: created.id } });
    // Each patient cut at their first labs a day into the admission (the ground truth's time).
    // Each at the admission's last authors' lab sample (see task options).
    expect(runs.every((r) => r.cutoff.getTime() === at("2150-01-01 20:00:00").getTime())).toBe(true);
  });

  it("never has more requests than the batch's own concurrency when that is lower", async () => {
    process.env.EHR_R1_CONCURRENCY = "4";
    const created = await modules.batch.createBatch(
      { taskKey: "labevents", backendId: "ehr-r1", patients: subjects.slice(0, 4), concurrency: 2 },
      user,
    );
    await waitForBatch(created.id);
    expect(maxInFlight).toBe(2);
  });

  it("skips patients that cannot run the task, and unknown ids, saying why", async () => {
    const created = await modules.batch.createBatch(
      { taskKey: "labevents", backendId: "baseline", patients: [subjects[0], "no-such-subject"], concurrency: 1 },
      user,
    );
    expect(created).toMatchObject({ runs: 1, skipped: [{ patient: "no-such-subject", reason: "no such patient" }] });
    await expect(
      modules.batch.createBatch(
        { taskKey: "ICU_Mortality_1day", backendId: "baseline", patients: [subjects[0]], concurrency: 1 },
        user,
      ),
    ).rejects.toThrow(/No patient can run/);
    await waitForBatch(created.id);
  });
});

describe("start-up sync", () => {
  it("upserts the catalog and backends, disables unconfigured ones, and leaves runs alone (other processes may execute them)", async () => {
    const patient = await database.prisma.patient.findFirstOrThrow();
    await database.prisma.backend.create({ data: { id: "old-gpu", name: "Old GPU", kind: "openai_compatible" } });
    const interrupted = await database.prisma.predictionRun.create({
      data: { patientId: patient.id, taskKey: "labevents", backendId: "ehr-r1", cutoff: CUTOFF, status: "streaming" },
    });
    await database.prisma.runChunk.create({
      data: { runId: interrupted.id, seq: 1, kind: "reasoning", data: '"half"' },
    });

    const line = await modules.sync.syncCatalog(database.url, { EHR_R1_BASE_URL: server.url });
    expect(line).toBe(
      `catalog: ${TASKS.length} tasks; backends: Baseline (not EHR-R1), EHR-R1 (BlueZeros/EHR-R1-8B) (2 run(s) at once each, across all workers)`,
    );
    expect(await database.prisma.task.count()).toBe(TASKS.length);
    const backends = await database.prisma.backend.findMany({ orderBy: { id: "asc" } });
    expect(backends.map((b) => [b.id, b.enabled])).toEqual([
      ["baseline", true],
      ["ehr-r1", true],
      ["old-gpu", false],
    ]);
    const untouched = await database.prisma.predictionRun.findUniqueOrThrow({
      where: { id: interrupted.id },
      include: { chunks: { orderBy: { seq: "asc" } } },
    });
    expect(untouched).toMatchObject({ status: "streaming", error: null });
    expect(untouched.chunks.map((c) => [c.seq, c.kind, c.data])).toEqual([[1, "reasoning", '"half"']]);
    // Invalid settings stop the start with the variable named.
    await expect(modules.sync.syncCatalog(database.url, { EHR_R1_MODEL: "x" })).rejects.toThrow(
      "EHR_R1_MODEL set but EHR_R1_BASE_URL is not",
    );
    await expect(modules.sync.syncCatalog(database.url, { EHR_R1_CONCURRENCY: "0" })).rejects.toThrow(
      'EHR_R1_CONCURRENCY must be a whole number of at least 1, got "0"',
    );
  });
});
