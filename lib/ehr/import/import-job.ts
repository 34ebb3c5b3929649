// The import_job row: written in its own short transactions (autocommit), apart from the data
// transaction, so a failed import is still recorded as failed. The connection running an import
// holds a session advisory lock named after its job for as long as it lives: a process killed
// mid-import loses its connection, PostgreSQL ends the session and frees the lock, and the next
// sweep (at the next import's start, or when the admin page lists jobs) marks the job failed.
// A job of a live import is never swept, however long it runs.
import type pg from "pg";
import type { Rejection } from "../import-record";

export type JobSource = { path: string; bytes: number };

/** Advisory locks of import jobs live in their own key space: (this constant, hashtext(job id)). */
export const JOB_LOCK_SPACE = 0x494d_504f; // "IMPO"

export const ORPHANED_JOB_ERROR =
  "the importing process ended without finishing (killed or crashed); nothing of this import was saved";

/**
 * Marks failed every running job ($1 null) or the one job $1 whose importing session is gone:
 * its lock can be taken. The lock is taken for this statement only (xact lock), so a sweep
 * never holds up anything.
 */
export const FAIL_ORPHANED_JOBS_SQL = `
  UPDATE import_job SET status = 'failed', "finishedAt" = now(), error = '${ORPHANED_JOB_ERROR}'
  WHERE status = 'running' AND ($1::text IS NULL OR id = $1)
    AND pg_try_advisory_xact_lock(${JOB_LOCK_SPACE}, hashtext(id))`;

export async function failOrphanedJobs(client: pg.Client): Promise<number> {
  const result = await client.query(FAIL_ORPHANED_JOBS_SQL, [null]);
  return result.rowCount ?? 0;
}

export async function startJob(
  client: pg.Client,
  job: { format: string; sources: JobSource[]; dryRun: boolean; createdById?: string },
): Promise<string> {
  const id = crypto.randomUUID();
  // The lock before the row: a sweep must never see this job running without its owner's lock.
  // Held until this connection ends (the import's end, or the process's death).
  await client.query(`SELECT pg_advisory_lock(${JOB_LOCK_SPACE}, hashtext($1))`, [id]);
  await client.query(
    `INSERT INTO import_job (id, format, sources, status, "dryRun", "createdById")
     VALUES ($1, $2, $3, 'running', $4, $5)`,
    [id, job.format, JSON.stringify(job.sources), job.dryRun, job.createdById ?? null],
  );
  return id;
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
