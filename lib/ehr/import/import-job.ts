// The import_job row: written in its own short transactions (autocommit), apart from the data
// transaction, so a failed import is still recorded as failed. A process killed mid-import
// leaves its job "running" with nothing of its data committed.
import type pg from "pg";
import type { Rejection } from "../import-record";

export type JobSource = { path: string; bytes: number };

export async function startJob(
  client: pg.Client,
  job: { format: string; sources: JobSource[]; dryRun: boolean; createdById?: string },
): Promise<string> {
  const result = await client.query<{ id: string }>(
    `INSERT INTO import_job (id, format, sources, status, "dryRun", "createdById")
     VALUES (gen_random_uuid()::text, $1, $2, 'running', $3, $4) RETURNING id`,
    [job.format, JSON.stringify(job.sources), job.dryRun, job.createdById ?? null],
  );
  return result.rows[0].id;
}

export async function finishJob(
  client: pg.Client,
  id: string,
  outcome: { status: "done" | "failed"; counts: object; rejected: Rejection[]; error?: string },
): Promise<void> {
  await client.query(
    `UPDATE import_job SET status = $2::import_status, "finishedAt" = now(), counts = $3, rejected = $4, error = $5 WHERE id = $1`,
    [id, outcome.status, JSON.stringify(outcome.counts), JSON.stringify(outcome.rejected), outcome.error ?? null],
  );
}
