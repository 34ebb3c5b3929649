// Runs are jobs on pg-boss (docs/decisions/003-run-job-queue.md): one queue per backend, a job
// per attempt to execute a run. A job only says "execute this run if it is still queued": the
// run's row decides (executeRun starts only a queued run), so a stray job, a second job of one
// run, or a job of a cancelled run does nothing. Jobs go in with their rows, in one
// transaction (enqueueRunJobs takes the caller's client), so a run is never stored without the
// job that executes it, nor a job without its run. pg-boss runs on the app's own pg pool
// (`db` option): no second pool, and every process (web or worker) can enqueue.
import "server-only";
import type pg from "pg";
import PgBoss from "pg-boss";
import { dbPool } from "../db";
import { JOBS_CHANNEL } from "./run-notifications";

/** pg-boss's own ceiling is 24 h; the lease (run-lease.ts), not this, notices a dead worker. */
const JOB_EXPIRY_SECONDS = 23 * 60 * 60;

export type RunJob = { runId: string };

export function queueName(backendId: string): string {
  return `runs-${backendId}`;
}

type Db = { executeSql(text: string, values: unknown[]): Promise<{ rows: any[] }> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** pg-boss's SQL through a pg client or pool (a transaction's client keeps it in the transaction). */
export function pgExecutor(client: pg.Pool | pg.PoolClient | pg.Client): Db {
  return { executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }) };
}

type QueueState = { boss: PgBoss; started: Promise<PgBoss>; queues: Map<string, Promise<void>> };

const KEY = Symbol.for("ehr-r1-review.run-jobs");
const store = globalThis as unknown as Record<symbol, QueueState | undefined>;

/**
 * This process's pg-boss, started on first use (installing or migrating its schema under its
 * own advisory lock, so processes starting together do not race). Its maintenance runs in
 * every process; pg-boss elects one at a time through the database.
 */
export function jobQueue(): Promise<PgBoss> {
  let current = store[KEY];
  if (!current) {
    const boss = new PgBoss({
      db: pgExecutor(dbPool()),
      // Nothing here is scheduled by cron; the queues are created on demand (ensureRunQueue).
      schedule: false,
    });
    boss.on("error", (error) => console.error("job queue:", error));
    current = { boss, started: boss.start(), queues: new Map() };
    store[KEY] = current;
  }
  return current.started;
}

/** Advisory lock key of queue creation (any constant no other lock of the app uses). */
const QUEUE_CREATION_LOCK = "ehr-run-queue-creation";

let lockChain: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` while holding a session advisory lock on a connection of its own. Callers in
 * this process queue up first, so waiting for the lock holds one pool connection, not many
 * (`work` needs the pool too).
 */
function withSessionLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const turn = lockChain.then(() => holdingLock(key, work));
  lockChain = turn.catch(() => undefined);
  return turn;
}

async function holdingLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const client = await dbPool().connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [key]);
    try {
      return await work();
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]);
    }
  } finally {
    client.release();
  }
}

/** Creates the backend's queue once per process (another process may have created it first). */
export async function ensureRunQueue(backendId: string): Promise<string> {
  const boss = await jobQueue();
  const name = queueName(backendId);
  const { queues } = store[KEY]!;
  let created = queues.get(name);
  if (!created) {
    created = (async () => {
      if (await boss.getQueue(name)) return;
      // pg-boss's create_queue takes no lock: two creating different queues at once both insert
      // a queue row, then both want the lock for its partition's foreign key, and one dies
      // ("deadlock detected", a worker stopped at start-up by it). One at a time, database-wide.
      await withSessionLock(QUEUE_CREATION_LOCK, async () => {
        if (await boss.getQueue(name)) return;
        await boss.createQueue(name, {
          name,
          expireInSeconds: JOB_EXPIRY_SECONDS,
          // Attempts are counted on the run (prediction_run.attempt), which also holds the
          // partial output of each; pg-boss only hands a job on.
          retryLimit: 0,
          retentionMinutes: 7 * 24 * 60,
        });
      });
    })();
    queues.set(name, created);
    created.catch(() => queues.delete(name));
  }
  await created;
  return name;
}

/**
 * Adds a job per run, on `client` (inside the caller's transaction), and wakes the workers
 * when that transaction commits. The runs' rows must say they are enqueued (enqueuedAt).
 */
export async function enqueueRunJobs(
  client: pg.PoolClient | pg.Client,
  runs: readonly { runId: string; backendId: string }[],
): Promise<void> {
  if (!runs.length) return;
  const boss = await jobQueue();
  const db = pgExecutor(client);
  for (const { runId, backendId } of runs) {
    const name = await ensureRunQueue(backendId);
    await boss.send(name, { runId } satisfies RunJob, { db, expireInSeconds: JOB_EXPIRY_SECONDS, retryLimit: 0 });
  }
  await client.query(`SELECT pg_notify('${JOBS_CHANNEL}', '')`);
}

/** A job's end, on `client` when it must commit with something else. */
export async function completeRunJob(backendId: string, jobId: string, client?: pg.PoolClient | pg.Client) {
  const boss = await jobQueue();
  await boss.complete(queueName(backendId), jobId, client ? { db: pgExecutor(client) } : undefined);
}

/** Runs `work` in a transaction on one of the pool's connections. */
export async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await dbPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
