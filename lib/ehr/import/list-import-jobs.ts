// Import jobs for the admin page: the database row, plus live progress while running.
import "server-only";
import { db } from "../../db";
import { NotFoundError } from "../../http/errors";
import { FAIL_ORPHANED_JOBS_SQL } from "./import-job";
import { liveImport } from "./import-runner";

const SELECT = {
  id: true,
  format: true,
  sources: true,
  status: true,
  dryRun: true,
  startedAt: true,
  finishedAt: true,
  counts: true,
  error: true,
  createdBy: { select: { email: true } },
} as const;

export async function listImportJobs(limit = 50) {
  // The page never shows a job "running" whose process is gone (e.g. after a restart).
  await db.$executeRawUnsafe(FAIL_ORPHANED_JOBS_SQL, null);
  const jobs = await db.importJob.findMany({ orderBy: { startedAt: "desc" }, take: limit, select: SELECT });
  return jobs.map((job) => ({ ...job, progress: liveImport(job.id)?.progress ?? null }));
}

export async function getImportJob(id: string) {
  // A poll of one job (every second while it runs) checks that job only.
  await db.$executeRawUnsafe(FAIL_ORPHANED_JOBS_SQL, id);
  const job = await db.importJob.findUnique({ where: { id }, select: { ...SELECT, rejected: true } });
  if (!job) throw new NotFoundError("Import job");
  return { ...job, progress: liveImport(id)?.progress ?? null };
}
