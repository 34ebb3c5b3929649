// The run worker: takes run jobs off the queue (pg-boss, run-jobs.ts) and executes them here
// (run-executor.ts). Any number of workers share one database; `npm run worker` runs one alone,
// and `npm start` runs one inside the web process (the in-process relay then serves readers
// here without a database read). Everything that must hold across processes lives in
// PostgreSQL session advisory locks on the worker's own connection (its "lease connection"),
// which PostgreSQL frees the moment the session ends, whatever killed the process:
//
// - Backend slots: EHR_R1_CONCURRENCY locks per backend, (hashtext('ehr-run-slot:' || backend),
//   0…N-1). A worker takes a job of a backend only while it holds one of its slots, and keeps it
//   until the run ends: at most N runs stream from a backend across all workers together.
// - Run leases: (LEASE_SPACE, hashtext(run id)), taken before a run starts and kept until its
//   end is recorded. Every worker's lease check (EHR_R1_LEASE_CHECK_MS) puts a streaming run
//   whose lease it can take — its worker is gone — back on the queue (requeue-run.ts), and
//   tops up unfinished batches (feed-batch.ts).
//
// SIGTERM (stop()) hands the runs executing here back at once: each stores what it has and goes
// back on the queue as a failed attempt; another worker starts the next attempt.
import "server-only";
import pg from "pg";
import type PgBoss from "pg-boss";
import { dbPool } from "../db";
import { loadBackends } from "../model/backends/load-backends";
import { feedBatch } from "./feed-batch";
import { handBackLocalRuns, holdsRun, stopLocalRun, submitRun } from "./run-executor";
import { completeRunJob, enqueueRunJobs, ensureRunQueue, inTransaction, jobQueue, type RunJob } from "./run-jobs";
import {
  JOBS_CHANNEL,
  listenForRunNotifications,
  onRunNotification,
  RUN_CANCEL_CHANNEL,
  stopRunNotifications,
} from "./run-notifications";
import { requeueRun, WORKER_GONE, WORKER_SHUT_DOWN, type UnfinishedAttempt } from "./requeue-run";
import { leaseCheckMs, runConcurrency, workerPollMs, workerRunLimit } from "./run-settings";

/** Run leases' advisory lock key space: (this constant, hashtext(run id)). */
export const LEASE_SPACE = 0x52_55_4e_53; // "RUNS"

/** How long a shutdown waits for its runs to be handed back before it leaves anyway. */
const HAND_BACK_MS = 7_000;

/** How long a job waits for the lease of its queued run (see takeLease), and how often it looks. */
const QUEUED_LEASE_WAIT_MS = 30_000;
const QUEUED_LEASE_RETRY_MS = 50;

/** A queued run with no job to take, or whose taker has not started it, for this long gets a new job. */
const LOST_JOB_SECONDS = 60;

type Execution = { backendId: string; jobId: string; finished: Promise<void> };

export class RunWorker {
  private lease: pg.Client | null = null;
  private stopping = false;
  private readonly executing = new Map<string, Execution>();
  private readonly wakers = new Set<() => void>();
  private readonly lanes: Promise<void>[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private supervisor: ReturnType<typeof setInterval> | undefined;
  private checking: Promise<void> | null = null;
  private boss!: PgBoss;

  constructor(private readonly databaseUrl: string) {}

  async start(): Promise<void> {
    this.lease = await this.connectLease();
    this.boss = await jobQueue();
    listenForRunNotifications();
    this.unsubscribe.push(
      onRunNotification(JOBS_CHANNEL, () => this.wake()),
      onRunNotification("reconnected", () => this.wake()),
      // Recorded already by whoever cancelled; here the model's request stops.
      onRunNotification(RUN_CANCEL_CHANNEL, (runId) => {
        if (this.executing.has(runId)) stopLocalRun(runId, "cancelled");
      }),
    );
    for (const backend of loadBackends(process.env)) {
      const queue = await ensureRunQueue(backend.id);
      this.lanes.push(this.runLane(backend.id, queue));
    }
    await this.checkLeases();
    this.supervisor = setInterval(() => {
      // One check at a time; a stop waits for the one under way.
      if (this.checking) return;
      this.checking = this.checkLeases().finally(() => (this.checking = null));
    }, leaseCheckMs());
  }

  /** Hands back every run executing here and lets go of the queue; resolves when done. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.supervisor);
    this.wake();
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    handBackLocalRuns();
    const executing = [...this.executing.keys()];
    const handedBack = Promise.allSettled([...this.executing.values()].map((execution) => execution.finished));
    const inTime = await Promise.race([
      handedBack.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), HAND_BACK_MS).unref()),
    ]);
    // Those left go back on the queue at another worker's lease check, once this one's session ends.
    if (!inTime) {
      const left = executing.filter((runId) => this.executing.has(runId));
      console.error(`run worker: ${left.length} of ${executing.length} run(s) not handed back in ${HAND_BACK_MS} ms`);
    }
    await Promise.race([
      Promise.allSettled([...this.lanes, this.checking]),
      new Promise((resolve) => setTimeout(resolve, 500).unref()),
    ]);
    // Ending the session frees every slot and lease still held.
    await this.lease?.end().catch(() => undefined);
    await this.boss?.stop({ graceful: false, close: false, wait: false }).catch(() => undefined);
    await stopRunNotifications();
  }

  /** Look at the queue now (a job was added or a slot freed). */
  wake(): void {
    const wakers = [...this.wakers];
    this.wakers.clear();
    for (const wake of wakers) wake();
  }

  private nextWake(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakers.add(done);
    });
  }

  private async connectLease(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true });
    client.on("error", (error) => this.leaseLost(client, error));
    client.on("end", () => this.leaseLost(client, new Error("the connection ended")));
    await client.connect();
    return client;
  }

  /**
   * The lease connection broke (PostgreSQL restarted, the network dropped): every slot and
   * lease of this worker is gone, so other workers may already be putting its runs back on the
   * queue. It stops them here (their writes would be refused anyway: each names its attempt)
   * and connects again.
   */
  private leaseLost(client: pg.Client, error: unknown): void {
    if (this.stopping || this.lease !== client) return;
    console.error("run worker: lost the lease connection; handing back its runs:", error);
    this.lease = null;
    handBackLocalRuns();
    const reconnect = async () => {
      if (this.stopping) return;
      try {
        this.lease = await this.connectLease();
        this.wake();
      } catch {
        setTimeout(() => void reconnect(), 1_000).unref();
      }
    };
    setTimeout(() => void reconnect(), 1_000).unref();
  }

  /** The lease connection's statements, one at a time (they are short: lock calls). */
  private leaseQueue: Promise<unknown> = Promise.resolve();

  private leaseQuery<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
    const result = this.leaseQueue.then(async () => {
      if (!this.lease) throw new Error("no lease connection");
      return (await this.lease.query<T>(text, values)).rows;
    });
    this.leaseQueue = result.catch(() => undefined);
    return result;
  }

  private async trySlot(backendId: string): Promise<number | null> {
    const rows = await this.leaseQuery<{ slot: number }>(
      `SELECT s AS slot FROM generate_series(0, $2::int - 1) AS s
       WHERE pg_try_advisory_lock(hashtext('ehr-run-slot:' || $1), s) LIMIT 1`,
      [backendId, runConcurrency()],
    );
    return rows[0]?.slot ?? null;
  }

  private async releaseSlot(backendId: string, slot: number): Promise<void> {
    await this.leaseQuery(`SELECT pg_advisory_unlock(hashtext('ehr-run-slot:' || $1), $2)`, [backendId, slot]).catch(
      () => undefined,
    );
  }

  private async runLane(backendId: string, queue: string): Promise<void> {
    while (!this.stopping) {
      // Listen before looking, so a job added meanwhile is not missed until the next poll.
      const woken = this.nextWake(workerPollMs());
      let slot: number | null = null;
      try {
        // At its own limit, a worker leaves the jobs to others; a run ending here wakes it.
        if (this.lease && this.executing.size < workerRunLimit()) slot = await this.trySlot(backendId);
        if (slot !== null && !this.stopping) {
          const [job] = await this.boss.fetch<RunJob>(queue, { batchSize: 1 });
          if (job) {
            this.begin(backendId, job, slot);
            continue;
          }
        }
      } catch (error) {
        if (!this.stopping) console.error(`run worker: taking a ${backendId} job failed:`, error);
      }
      if (slot !== null) await this.releaseSlot(backendId, slot);
      await woken;
    }
  }

  private begin(backendId: string, job: PgBoss.Job<RunJob>, slot: number): void {
    const finished = this.execute(backendId, job)
      .catch((error) => console.error(`run ${job.data.runId}: the worker failed around it:`, error))
      .finally(async () => {
        this.executing.delete(job.data.runId);
        await this.releaseSlot(backendId, slot);
        // The slot is free for any worker.
        await dbPool()
          .query(`SELECT pg_notify('${JOBS_CHANNEL}', '')`)
          .catch(() => undefined);
        this.wake();
      });
    this.executing.set(job.data.runId, { backendId, jobId: job.id, finished });
  }

  /**
   * Takes the run's lease for a job of it. "stray": another worker holds the run and it is not
   * queued (it streams there, or has ended): this job has nothing to do. A queued run whose
   * lease is held is being put back on the queue by its holder right now: a worker hands a run
   * back (or returns a job it took but did not start) in a transaction that commits the run's
   * new job, and lets go of the lease only after that commit, so the new job can be taken
   * before the lease is free. Dropping that job as a stray left the run queued with no job,
   * forever (the group-SIGTERM scale-out test's stall). It waits for the lease instead; "busy"
   * when this worker stops meanwhile, or the holder keeps the lease of a queued run too long.
   */
  private async takeLease(runId: string): Promise<"leased" | "stray" | "busy"> {
    const deadline = Date.now() + QUEUED_LEASE_WAIT_MS;
    for (;;) {
      const [{ leased }] = await this.leaseQuery<{ leased: boolean }>(
        `SELECT pg_try_advisory_lock(${LEASE_SPACE}, hashtext($1)) AS leased`,
        [runId],
      );
      if (leased) return "leased";
      const { rows } = await dbPool().query<{ status: string }>(`SELECT status FROM prediction_run WHERE id = $1`, [
        runId,
      ]);
      if (rows[0]?.status !== "queued") return "stray";
      if (this.stopping || Date.now() > deadline) return "busy";
      await new Promise((resolve) => setTimeout(resolve, QUEUED_LEASE_RETRY_MS));
    }
  }

  private async execute(backendId: string, job: PgBoss.Job<RunJob>): Promise<void> {
    const { runId } = job.data;
    const lease = await this.takeLease(runId);
    if (lease === "stray") return completeRunJob(backendId, job.id);
    // The run keeps a job: this one goes back as a fresh one.
    if (lease === "busy") return this.returnUnstarted(runId, backendId, job.id);
    try {
      const result = this.stopping ? ({ kind: "not-queued" } as const) : await submitRun(runId, backendId, job.id);
      if (result.kind === "handed-back") {
        await this.putBack(
          { runId, backendId, attempt: result.attempt, jobId: job.id, batchId: null },
          WORKER_SHUT_DOWN,
        );
      } else if (result.kind === "not-queued" && this.stopping) {
        await this.returnUnstarted(runId, backendId, job.id);
      } else {
        await completeRunJob(backendId, job.id);
      }
      const [run] = (
        await dbPool().query<{ batchId: string | null }>(`SELECT "batchId" FROM prediction_run WHERE id = $1`, [runId])
      ).rows;
      if (run?.batchId) await inTransaction((client) => feedBatch(client, run.batchId!));
    } finally {
      await this.leaseQuery(`SELECT pg_advisory_unlock(${LEASE_SPACE}, hashtext($1))`, [runId]).catch(() => undefined);
    }
  }

  private async putBack(attempt: UnfinishedAttempt, reason: string): Promise<void> {
    await inTransaction((client) => requeueRun(client, attempt, reason));
  }

  /** A job taken but not started (the worker stopped, or its run stayed leased): a fresh job for its run, if still queued. */
  private async returnUnstarted(runId: string, backendId: string, jobId: string): Promise<void> {
    await inTransaction(async (client) => {
      await completeRunJob(backendId, jobId, client);
      const { rows } = await client.query(
        `SELECT 1 FROM prediction_run WHERE id = $1 AND status = 'queued' FOR UPDATE`,
        [runId],
      );
      if (rows.length) await enqueueRunJobs(client, [{ runId, backendId }]);
    });
  }

  /**
   * Streaming runs whose lease is free (their worker is gone) go back on the queue; queued runs
   * without a job (left by a version before the queue) get one; unfinished batches are topped up.
   */
  private async checkLeases(): Promise<void> {
    if (this.stopping) return;
    try {
      const { rows } = await dbPool().query<UnfinishedAttempt>(
        `SELECT id AS "runId", "backendId", attempt, "jobId", "batchId" FROM prediction_run WHERE status = 'streaming'`,
      );
      for (const run of rows) {
        if (this.executing.has(run.runId) || holdsRun(run.runId)) continue;
        await inTransaction(async (client) => {
          const [{ free }] = (
            await client.query<{ free: boolean }>(
              `SELECT pg_try_advisory_xact_lock(${LEASE_SPACE}, hashtext($1)) AS free`,
              [run.runId],
            )
          ).rows;
          if (!free) return;
          const outcome = await requeueRun(client, run, WORKER_GONE);
          if (outcome !== "stale")
            console.error(`run ${run.runId}: attempt ${run.attempt} lost its worker: ${outcome}`);
        });
      }
      await inTransaction(async (client) => {
        const { rows: orphans } = await client.query<{ runId: string; backendId: string }>(
          `UPDATE prediction_run SET "enqueuedAt" = now() AT TIME ZONE 'UTC'
           WHERE status = 'queued' AND "enqueuedAt" IS NULL AND "batchId" IS NULL
           RETURNING id AS "runId", "backendId"`,
        );
        await enqueueRunJobs(client, orphans);
      });
      // Queued runs whose job is gone: taken by a worker that died before it started the run
      // (the job stays active, the run queued), or lost some other way. A fresh job once the
      // run has waited LOST_JOB_SECONDS without a job to take or a recent taker; a duplicate
      // job would do nothing (takeLease), and each run is given one by one check only.
      await inTransaction(async (client) => {
        const { rows: lost } = await client.query<{ runId: string; backendId: string }>(
          `UPDATE prediction_run r SET "enqueuedAt" = now() AT TIME ZONE 'UTC'
           WHERE r.status = 'queued' AND r."enqueuedAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $1)
             AND NOT EXISTS (
               SELECT 1 FROM pgboss.job j
               WHERE j.name = 'runs-' || r."backendId" AND j.data->>'runId' = r.id
                 AND (j.state < 'active' OR (j.state = 'active' AND j.started_on > now() - make_interval(secs => $1))))
           RETURNING r.id AS "runId", r."backendId"`,
          [LOST_JOB_SECONDS],
        );
        for (const run of lost) console.error(`run ${run.runId}: queued without a job to take; enqueued again`);
        await enqueueRunJobs(client, lost);
      });
      const { rows: batches } = await dbPool().query<{ id: string }>(
        `SELECT id FROM run_batch WHERE "finishedAt" IS NULL`,
      );
      for (const batch of batches) await inTransaction((client) => feedBatch(client, batch.id));
    } catch (error) {
      console.error("run worker: the lease check failed (next one soon):", error);
    }
  }
}

const KEY = Symbol.for("ehr-r1-review.run-worker");
const store = globalThis as unknown as Record<symbol, RunWorker | undefined>;

/** Starts this process's worker (once). */
export async function startRunWorker(databaseUrl = process.env.DATABASE_URL): Promise<RunWorker> {
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");
  if (store[KEY]) return store[KEY];
  const worker = new RunWorker(databaseUrl);
  store[KEY] = worker;
  await worker.start();
  return worker;
}

/** This process's worker, if it runs one. */
export function runWorkerHere(): RunWorker | undefined {
  return store[KEY];
}

/** A run was just enqueued here: this process's worker (if any) looks now, not at its next poll. */
export function wakeLocalWorker(): void {
  store[KEY]?.wake();
}
