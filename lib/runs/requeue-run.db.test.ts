// Putting an attempt back on the queue: the run is queued again with a new job, its output so
// far kept in its chunks behind a retry marker, its text starting over; after the last allowed
// attempt it fails saying why; an attempt that is no longer the run's changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { loadBackends } from "../model/backends/load-backends";
import { TASKS } from "../model/tasks/task-catalog";
import type * as JobsModule from "./run-jobs";
import type * as RequeueModule from "./requeue-run";
import { upsertCatalogRows } from "./sync-catalog";
import { CUTOFF, seedPatient } from "./test-support";

let database: TestDatabase;
let patientId: string;
let modules: { requeue: typeof RequeueModule; jobs: typeof JobsModule };

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.EHR_R1_RUN_ATTEMPTS = "2";
  modules = { requeue: await import("./requeue-run"), jobs: await import("./run-jobs") };
  await upsertCatalogRows(database.prisma, TASKS, loadBackends({}));
  ({ patientId } = await seedPatient(database.prisma, "96000001"));
});

afterAll(async () => {
  delete process.env.EHR_R1_RUN_ATTEMPTS;
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

/** A run streaming its `attempt`, with two reasoning chunks stored. */
async function streamingRun(attempt: number) {
  const run = await database.prisma.predictionRun.create({
    data: {
      patientId,
      taskKey: "labevents",
      backendId: "baseline",
      cutoff: CUTOFF,
      status: "streaming",
      attempt,
      reasoning: "Sodium is low",
      chunks: {
        create: [
          { seq: 1, kind: "reasoning", data: JSON.stringify("Sodium ") },
          { seq: 2, kind: "reasoning", data: JSON.stringify("is low") },
        ],
      },
    },
  });
  return { runId: run.id, backendId: "baseline", attempt, jobId: null, batchId: null };
}

const requeue = (run: Awaited<ReturnType<typeof streamingRun>>, reason: string) =>
  modules.jobs.inTransaction((client) => modules.requeue.requeueRun(client, run, reason));

const stored = (runId: string) =>
  database.prisma.predictionRun.findUniqueOrThrow({
    where: { id: runId },
    include: { chunks: { orderBy: { seq: "asc" } } },
  });

describe("requeueRun", () => {
  it("queues the run again with a job, the attempt's output kept behind a retry marker", async () => {
    const run = await streamingRun(1);
    expect(await requeue(run, "its worker shut down")).toBe("requeued");
    const after = await stored(run.runId);
    expect(after).toMatchObject({ status: "queued", attempt: 1, reasoning: "", answer: "", jobId: null });
    expect(after.enqueuedAt).not.toBeNull();
    expect(after.chunks.map((c) => [c.seq, c.kind, c.data])).toEqual([
      [1, "reasoning", '"Sodium "'],
      [2, "reasoning", '"is low"'],
      [3, "retry", JSON.stringify({ attempt: 1, reason: "its worker shut down" })],
    ]);
    const boss = await modules.jobs.jobQueue();
    const [job] = await boss.fetch<{ runId: string }>(modules.jobs.queueName("baseline"));
    expect(job.data).toEqual({ runId: run.runId });
    // Done once: the same attempt cannot be put back twice.
    expect(await requeue(run, "again")).toBe("stale");
  });

  it("fails the run after its last allowed attempt, saying why", async () => {
    const run = await streamingRun(2);
    expect(await requeue(run, "its worker stopped")).toBe("failed");
    const after = await stored(run.runId);
    const message =
      "stopped after 2 attempts: the last ended because its worker stopped; not retried again (EHR_R1_RUN_ATTEMPTS)";
    expect(after).toMatchObject({ status: "failed", error: message });
    expect(after.chunks.at(-1)).toMatchObject({ seq: 3, kind: "error", data: JSON.stringify({ message }) });
  });

  it("leaves a run whose attempt has moved on alone", async () => {
    const run = await streamingRun(2);
    expect(await requeue({ ...run, attempt: 1 }, "an old worker's lease")).toBe("stale");
    expect(await stored(run.runId)).toMatchObject({ status: "streaming", attempt: 2, reasoning: "Sodium is low" });
  });
});
