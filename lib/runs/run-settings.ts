// Settings of the run executor, from the environment (read on every use, so a test or an
// operator's restart with new values needs no code change).

export const DEFAULT_CONCURRENCY = 2;
/**
 * vLLM's default batch (`--max-num-seqs`) is 256 sequences: requests beyond what the server
 * batches only wait in its queue, where their timeouts run. The relay itself is no limit: a
 * run costs the app a socket, its text in memory and one database write per 100 ms.
 */
export const MAX_CONCURRENCY = 256;

/**
 * EHR_R1_CONCURRENCY: how many runs may stream from each backend at a time. Model servers
 * batch requests themselves, so an operator whose server batches many may allow as many; the
 * default is low because more parallel requests than a small server batches only queue on
 * the GPU and make every run time out together.
 */
export function runConcurrency(env: Record<string, string | undefined> = process.env): number {
  const raw = env.EHR_R1_CONCURRENCY?.trim();
  if (!raw) return DEFAULT_CONCURRENCY;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`EHR_R1_CONCURRENCY must be a whole number of at least 1, got "${raw}"`);
  }
  return Math.min(value, MAX_CONCURRENCY);
}

type Env = Record<string, string | undefined>;

function positiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
  return value;
}

/**
 * EHR_R1_RUN_ATTEMPTS: how many times a run may start (its worker died or shut down under it,
 * and it went back to the queue) before it fails for good. Each attempt's output is kept.
 */
export function maxRunAttempts(env: Env = process.env): number {
  return positiveInteger(env, "EHR_R1_RUN_ATTEMPTS", 3);
}

/**
 * EHR_R1_LEASE_CHECK_MS: how often a worker looks for runs whose worker is gone (its lease, a
 * PostgreSQL session lock, is free) and puts them back on the queue. A killed process's session
 * ends at once; a machine that vanished takes TCP keepalive's time on top.
 */
export function leaseCheckMs(env: Env = process.env): number {
  return positiveInteger(env, "EHR_R1_LEASE_CHECK_MS", 5_000);
}

/**
 * EHR_R1_WORKER_RUNS: the most runs one worker executes at a time (every backend together);
 * unset: no limit of its own, only the backends' EHR_R1_CONCURRENCY. A worker takes jobs as
 * fast as it can, so without it the first worker to wake can take a whole burst; a limit
 * spreads the runs over the workers (and bounds one process's memory).
 */
export function workerRunLimit(env: Env = process.env): number {
  return positiveInteger(env, "EHR_R1_WORKER_RUNS", Number.MAX_SAFE_INTEGER);
}

/** EHR_R1_WORKER_POLL_MS: a worker's look at the queue when no notification woke it. */
export function workerPollMs(env: Env = process.env): number {
  return positiveInteger(env, "EHR_R1_WORKER_POLL_MS", 2_000);
}

/** WORKER=0: a web process that only serves (runs execute in `npm run worker` processes). */
export function runsWorkerHere(env: Env = process.env): boolean {
  return env.WORKER?.trim() !== "0";
}
