// A batch's runs go on the queue at most `concurrency` at a time: all its rows are stored at
// once, and this tops up its queued-or-streaming runs to `concurrency` from those not enqueued
// yet, in order. It runs in the transaction that creates the batch, after each of its runs
// ends, and at every worker's lease check (so a worker that died between a run's end and the
// top-up delays the batch by one check, never stalls it). The last run's end marks the batch
// finished. A transaction advisory lock per batch keeps two top-ups from both filling the
// same free places.
import type pg from "pg";
import { enqueueRunJobs } from "./run-jobs";

/** Tops up the batch's runs on the queue; on `client`, inside the caller's transaction. */
export async function feedBatch(client: pg.PoolClient, batchId: string): Promise<number> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('run-batch:' || $1, 0))`, [batchId]);
  const { rows: batches } = await client.query<{ concurrency: number; finished: boolean }>(
    `SELECT concurrency, "finishedAt" IS NOT NULL AS finished FROM run_batch WHERE id = $1`,
    [batchId],
  );
  if (!batches.length || batches[0].finished) return 0;
  const { rows: picked } = await client.query<{ runId: string; backendId: string }>(
    `WITH open AS (
       SELECT count(*)::int AS n FROM prediction_run
       WHERE "batchId" = $1 AND "enqueuedAt" IS NOT NULL AND status IN ('queued', 'streaming')
     ), next AS (
       SELECT id FROM prediction_run
       WHERE "batchId" = $1 AND "enqueuedAt" IS NULL AND status = 'queued'
       ORDER BY "createdAt", id
       LIMIT greatest($2 - (SELECT n FROM open), 0)
     )
     UPDATE prediction_run SET "enqueuedAt" = now() AT TIME ZONE 'UTC' FROM next WHERE prediction_run.id = next.id
     RETURNING prediction_run.id AS "runId", prediction_run."backendId"`,
    [batchId, batches[0].concurrency],
  );
  await enqueueRunJobs(client, picked);
  if (!picked.length) {
    // Nothing left to feed and nothing open: the batch is over.
    await client.query(
      `UPDATE run_batch SET "finishedAt" = now() AT TIME ZONE 'UTC' WHERE id = $1 AND "finishedAt" IS NULL
         AND NOT EXISTS (SELECT 1 FROM prediction_run WHERE "batchId" = $1 AND status IN ('queued', 'streaming'))`,
      [batchId],
    );
  }
  return picked.length;
}
