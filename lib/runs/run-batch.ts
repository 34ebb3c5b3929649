// A batch: one task over many patients, each patient's run cut where the task's rule puts it
// in their latest admission that has such a point. Its runs are stored with the batch, and go
// on the queue at most `concurrency` at a time (feed-batch.ts; the per-backend limit across
// all workers applies on top); progress is the count of the batch's runs by status.
import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { pgTimestampParam } from "../ehr/queries/pg-timestamp";
import { NotFoundError, ValidationError } from "../http/errors";
import { ContextWindowError, contextWindow } from "../model/tasks/context-window";
import type { TaskDefinition } from "../model/tasks/task-types";
import type { RunStatus } from "../generated/prisma/enums";
import { recordCancel } from "./cancel-run";
import { chooseBackend, chooseTask, ensureCatalogRows, insertRuns } from "./create-run";
import { feedBatch } from "./feed-batch";
import { stopLocalRun } from "./run-executor";
import { inTransaction } from "./run-jobs";
import { wakeLocalWorker } from "./run-worker";
import { suggestCutoff } from "./suggest-cutoff";
import { admissionTableTimes, patientTaskAvailability } from "./task-options";

export const MAX_BATCH_PATIENTS = 1000;

export type NewBatch = {
  taskKey: string;
  backendId?: string;
  /** "all" patients, or patient ids / external ids (subject_id). */
  patients: "all" | string[];
  concurrency: number;
};

export type SkippedPatient = { patient: string; reason: string };

export type BatchProgress = {
  id: string;
  taskKey: string;
  taskTitle: string;
  backendId: string;
  backendName: string;
  concurrency: number;
  createdAt: string;
  finishedAt: string | null;
  total: number;
  counts: Record<RunStatus, number>;
};

async function resolvePatients(selection: NewBatch["patients"]) {
  if (selection === "all") {
    const count = await db.patient.count();
    if (count > MAX_BATCH_PATIENTS) {
      throw new ValidationError(`patients: ${count} patients; a batch takes at most ${MAX_BATCH_PATIENTS}, name them`);
    }
    return { found: await db.patient.findMany({ select: { id: true, externalId: true } }), missing: [] };
  }
  const wanted = [...new Set(selection.map((id) => id.trim()).filter(Boolean))];
  if (!wanted.length) throw new ValidationError("patients: name at least one patient");
  if (wanted.length > MAX_BATCH_PATIENTS) {
    throw new ValidationError(`patients: a batch takes at most ${MAX_BATCH_PATIENTS} patients`);
  }
  const uuids = wanted.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const found = await db.patient.findMany({
    where: { OR: [{ id: { in: uuids } }, { externalId: { in: wanted } }] },
    select: { id: true, externalId: true },
  });
  const known = new Set(found.flatMap((p) => [p.id, p.externalId]));
  return { found, missing: wanted.filter((id) => !known.has(id)) };
}

/** The cut-off of one patient's run: their latest admission the task's rule can anchor. */
async function cutoffFor(patientId: string, task: TaskDefinition): Promise<Date | string> {
  const { encounters, availability } = await patientTaskAvailability(patientId, task);
  if (!availability.available) return availability.reason ?? "task unavailable";
  const times = await admissionTableTimes(patientId);
  const admissions = encounters.filter((e) => e.kind === "admission").reverse();
  for (const admission of admissions) {
    const cutoff = suggestCutoff(task, admission, encounters, times.get(admission.id) ?? []);
    if (!cutoff) continue;
    try {
      contextWindow(task, encounters, cutoff);
      return cutoff;
    } catch (error) {
      if (!(error instanceof ContextWindowError)) throw error;
    }
  }
  return "no admission offers a cut-off for this task";
}

export async function createBatch(
  input: NewBatch,
  user: Pick<CurrentUser, "id">,
): Promise<{ id: string; runs: number; skipped: SkippedPatient[] }> {
  const task = chooseTask(input.taskKey);
  const backend = chooseBackend(input.backendId);
  const { found, missing } = await resolvePatients(input.patients);
  const skipped: SkippedPatient[] = missing.map((patient) => ({ patient, reason: "no such patient" }));
  const planned: { patientId: string; cutoff: Date }[] = [];
  for (const patient of found) {
    const cutoff = await cutoffFor(patient.id, task);
    if (typeof cutoff === "string") skipped.push({ patient: patient.externalId, reason: cutoff });
    else planned.push({ patientId: patient.id, cutoff });
  }
  if (!planned.length) {
    throw new ValidationError(`No patient can run "${task.title}".`, { skipped });
  }
  await ensureCatalogRows(task, backend);
  // The batch, its runs, and the jobs of the first `concurrency`, in one transaction.
  const batch = { id: crypto.randomUUID() };
  const runIds = await inTransaction(async (client) => {
    await client.query(
      `INSERT INTO run_batch (id, "taskKey", "backendId", concurrency, "createdById", "createdAt")
       VALUES ($1, $2, $3, $4, $5, $6::timestamp)`,
      [batch.id, task.key, backend.id, input.concurrency, user.id, pgTimestampParam(new Date())],
    );
    const ids = await insertRuns(
      client,
      planned.map(({ patientId, cutoff }) => ({ patientId, task, backend, cutoff })),
      user,
      { batchId: batch.id, enqueue: false },
    );
    await feedBatch(client, batch.id);
    return ids;
  });
  wakeLocalWorker();
  return { id: batch.id, runs: runIds.length, skipped };
}

const EMPTY_COUNTS: Record<RunStatus, number> = { queued: 0, streaming: 0, done: 0, failed: 0, cancelled: 0 };

export async function getBatchProgress(batchId: string): Promise<BatchProgress> {
  const batch = await db.runBatch.findUnique({
    where: { id: batchId },
    include: { task: { select: { title: true } }, backend: { select: { name: true } } },
  });
  if (!batch) throw new NotFoundError("Batch");
  const groups = await db.predictionRun.groupBy({ by: ["status"], where: { batchId }, _count: { _all: true } });
  const counts = { ...EMPTY_COUNTS };
  for (const group of groups) counts[group.status] = group._count._all;
  return {
    id: batch.id,
    taskKey: batch.taskKey,
    taskTitle: batch.task.title,
    backendId: batch.backendId,
    backendName: batch.backend.name,
    concurrency: batch.concurrency,
    createdAt: batch.createdAt.toISOString(),
    finishedAt: batch.finishedAt?.toISOString() ?? null,
    total: Object.values(counts).reduce((sum, n) => sum + n, 0),
    counts,
  };
}

export async function listBatches(limit = 20): Promise<BatchProgress[]> {
  const batches = await db.runBatch.findMany({ orderBy: { createdAt: "desc" }, take: limit, select: { id: true } });
  return Promise.all(batches.map((b) => getBatchProgress(b.id)));
}

/** Cancels every run of the batch that has not ended. */
export async function cancelBatch(batchId: string, user: Pick<CurrentUser, "name">): Promise<BatchProgress> {
  await getBatchProgress(batchId);
  const reason = `batch cancelled by ${user.name}`;
  const open = await db.predictionRun.findMany({
    where: { batchId, status: { in: ["queued", "streaming"] } },
    select: { id: true },
  });
  for (const run of open) {
    const local = stopLocalRun(run.id, reason);
    if (local.state === "running") await local.finished;
    else await recordCancel(run.id, reason);
  }
  await db.runBatch.updateMany({ where: { id: batchId, finishedAt: null }, data: { finishedAt: new Date() } });
  return getBatchProgress(batchId);
}
