// The worker's rule for a job whose run another worker holds (its lease is taken): a queued run
// is being put back on the queue by that worker right now, whose new job can be taken before
// the lease is let go; the job waits for the lease and executes the run (dropping it left the
// run queued with no job, forever). A run that streams elsewhere makes the job a stray: it is
// completed and the run is left alone. A queued run left without a job to take (its taker died
// before starting it, or its job was lost) gets a new one at a lease check.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { loadBackends } from "../model/backends/load-backends";
import { TASKS } from "../model/tasks/task-catalog";
import type * as JobsModule from "./run-jobs";
import { upsertCatalogRows } from "./sync-catalog";
import { CUTOFF, seedPatient } from "./test-support";

let database: TestDatabase;
let patientId: string;
let jobs: typeof JobsModule;
let leaseSpace: number;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.EHR_R1_WORKER_POLL_MS = "200";
  process.env.EHR_R1_LEASE_CHECK_MS = "300";
  await upsertCatalogRows(database.prisma, TASKS, loadBackends({}));
  ({ patientId } = await seedPatient(database.prisma, "96100001"));
  jobs = await import("./run-jobs");
  const worker = await import("./run-worker");
  leaseSpace = worker.LEASE_SPACE;
  await worker.startRunWorker(database.url);
}, 120_000);

afterAll(async () => {
  await (await import("./run-worker")).runWorkerHere()?.stop();
  delete process.env.EHR_R1_WORKER_POLL_MS;
  delete process.env.EHR_R1_LEASE_CHECK_MS;
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

/** Another worker's lease on the run: a session lock on a connection of its own. */
async function holdLease(runId: string): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`SELECT pg_advisory_lock($1, hashtext($2))`, [leaseSpace, runId]);
  return { release: () => client.end() };
}

/** A baseline run in `status`, its row saying it is enqueued (`enqueuedAt`, now by default). */
async function storedRun(status: "queued" | "streaming", enqueuedAt = new Date(), id = crypto.randomUUID()) {
  return database.prisma.predictionRun.create({
    data: {
      id,
      patientId,
      taskKey: "labevents",
      backendId: "baseline",
      cutoff: CUTOFF,
      status,
      attempt: status === "streaming" ? 1 : 0,
      enqueuedAt,
    },
  });
}

const enqueue = (runId: string) =>
  jobs.inTransaction((client) => jobs.enqueueRunJobs(client, [{ runId, backendId: "baseline" }]));

async function jobStates(runId: string): Promise<string[]> {
  const rows = await database.prisma.$queryRaw<{ state: string }[]>`
    SELECT state::text FROM pgboss.job WHERE data->>'runId' = ${runId} ORDER BY created_on`;
  return rows.map((row) => row.state);
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const statusOf = async (runId: string) =>
  (await database.prisma.predictionRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status;

it("a job of a queued run whose lease another worker still holds waits for the lease, then executes the run", async () => {
  const run = await storedRun("queued");
  // As a worker handing the run back does: its new job is committed while it holds the lease.
  const holder = await holdLease(run.id);
  await enqueue(run.id);
  // The worker took the job and waits: the job stays active, the run queued.
  await until("the worker to take the job", async () => (await jobStates(run.id)).includes("active"));
  expect(await statusOf(run.id)).toBe("queued");
  await holder.release();
  await until("the run to end", async () => (await statusOf(run.id)) === "done");
  const ended = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id: run.id } });
  expect(ended).toMatchObject({ status: "done", attempt: 1 });
  await until("its job to complete", async () => (await jobStates(run.id)).join() === "completed");
});

it("a job of a run streaming on another worker is a stray: completed, the run left alone", async () => {
  // Leased before it is stored: a lease check must not find it streaming with its lease free.
  const id = crypto.randomUUID();
  const holder = await holdLease(id);
  const run = await storedRun("streaming", new Date(), id);
  await enqueue(run.id);
  await until("the stray job to complete", async () => (await jobStates(run.id)).join() === "completed");
  expect(await database.prisma.predictionRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
    status: "streaming",
    attempt: 1,
  });
  await holder.release();
});

const twoMinutesAgo = () => new Date(Date.now() - 120_000);

it("a queued run that lost its job gets a new one and runs", async () => {
  const run = await storedRun("queued", twoMinutesAgo());
  await until("the run to end", async () => (await statusOf(run.id)) === "done");
  await until("its new job to complete", async () => (await jobStates(run.id)).join() === "completed");
});

it("a queued run whose job was taken long ago by a worker that never started it gets a new job", async () => {
  const run = await storedRun("queued", twoMinutesAgo());
  await jobs.inTransaction(async (client) => {
    await jobs.enqueueRunJobs(client, [{ runId: run.id, backendId: "baseline" }]);
    // Taken two minutes ago by a worker that died before it took the run's lease.
    await client.query(
      `UPDATE pgboss.job SET state = 'active', started_on = now() - interval '2 minutes' WHERE data->>'runId' = $1`,
      [run.id],
    );
  });
  await until("the run to end", async () => (await statusOf(run.id)) === "done");
  // The dead taker's job stays as it was; the new one completed.
  await until("its new job to complete", async () => (await jobStates(run.id)).join() === "active,completed");
});
