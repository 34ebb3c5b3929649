// An attempt that ended without an end of its own: its worker shut down (and handed it back) or
// died (its lease went free). The run goes back to the queue for its next attempt, in one
// transaction with a new job (and the old job completed): its output so far stays in its
// chunks, closed by a `retry` marker chunk `{attempt, reason}` that readers see as the failed
// attempt, and its reasoning and answer start again empty. After the last allowed attempt
// (EHR_R1_RUN_ATTEMPTS) it fails instead, saying why. Every statement is fenced by the
// attempt: only the attempt that is still the run's can be put back, once.
import type pg from "pg";
import { completeRunJob, enqueueRunJobs } from "./run-jobs";
import { RUN_CHANGE_CHANNEL } from "./run-notifications";
import { maxRunAttempts } from "./run-settings";

export type UnfinishedAttempt = {
  runId: string;
  backendId: string;
  attempt: number;
  jobId: string | null;
  batchId: string | null;
};

export const WORKER_GONE = "its worker stopped (its lease on the run lapsed)";
export const WORKER_SHUT_DOWN = "its worker shut down and handed the run back";

/** The message of a run that used up its attempts. */
export function attemptsExhausted(attempts: number, reason: string): string {
  return `stopped after ${attempts} attempt${attempts === 1 ? "" : "s"}: the last ended because ${reason}; not retried again (EHR_R1_RUN_ATTEMPTS)`;
}

/**
 * Puts the attempt back on the queue, or fails the run when it was the last allowed. On `client`,
 * inside the caller's transaction. Returns what happened ("stale": the run had moved on).
 */
export async function requeueRun(
  client: pg.PoolClient,
  run: UnfinishedAttempt,
  reason: string,
): Promise<"requeued" | "failed" | "stale"> {
  const max = maxRunAttempts();
  if (run.attempt >= max) {
    const message = attemptsExhausted(run.attempt, reason);
    const { rowCount } = await client.query(
      `WITH run AS (
         UPDATE prediction_run SET status = 'failed', error = $3, "finishedAt" = now() AT TIME ZONE 'UTC', "jobId" = NULL
         WHERE id = $1 AND status = 'streaming' AND attempt = $2
         RETURNING id
       ), chunk AS (
         INSERT INTO run_chunk ("runId", seq, kind, data)
         SELECT run.id, coalesce((SELECT max(c.seq) FROM run_chunk c WHERE c."runId" = run.id), 0) + 1, 'error', $4
         FROM run
       )
       SELECT pg_notify('${RUN_CHANGE_CHANNEL}', id) FROM run`,
      [run.runId, run.attempt, message, JSON.stringify({ message })],
    );
    if (!rowCount) return "stale";
    if (run.jobId) await completeRunJob(run.backendId, run.jobId, client);
    return "failed";
  }
  const { rowCount } = await client.query(
    `WITH run AS (
       UPDATE prediction_run SET status = 'queued', reasoning = '', answer = '', "enqueuedAt" = now() AT TIME ZONE 'UTC', "jobId" = NULL
       WHERE id = $1 AND status = 'streaming' AND attempt = $2
       RETURNING id
     ), chunk AS (
       INSERT INTO run_chunk ("runId", seq, kind, data)
       SELECT run.id, coalesce((SELECT max(c.seq) FROM run_chunk c WHERE c."runId" = run.id), 0) + 1, 'retry', $3
       FROM run
     )
     SELECT pg_notify('${RUN_CHANGE_CHANNEL}', id) FROM run`,
    [run.runId, run.attempt, JSON.stringify({ attempt: run.attempt, reason })],
  );
  if (!rowCount) return "stale";
  if (run.jobId) await completeRunJob(run.backendId, run.jobId, client);
  await enqueueRunJobs(client, [{ runId: run.runId, backendId: run.backendId }]);
  return "requeued";
}
