// Starting a run: check everything that can be checked before any work (the patient exists,
// the task is known and answerable from this record, the cut-off fits the task's rule, the
// backend is configured), store it queued, hand it to the executor, and answer with its id.
// The run then executes on the server whatever the browser does.
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { requirePatient } from "../ehr/queries/require-patient";
import { ValidationError } from "../http/errors";
import { BASELINE_ID, loadBackends, type BackendConfig } from "../model/backends/load-backends";
import { ContextWindowError, contextWindow } from "../model/tasks/context-window";
import { getTask } from "../model/tasks/task-catalog";
import type { TaskDefinition } from "../model/tasks/task-types";
import { submitRun } from "./run-executor";
import { upsertCatalogRows } from "./sync-catalog";
import { patientTaskAvailability } from "./task-options";

export type NewRun = { patientId: string; taskKey: string; cutoff: Date; backendId?: string };

/** The named backend; without a name the first model backend, else the baseline. */
export function chooseBackend(backendId: string | undefined): BackendConfig {
  const backends = loadBackends(process.env);
  if (!backendId) return backends.find((b) => b.id !== BASELINE_ID) ?? backends[0];
  const backend = backends.find((b) => b.id === backendId);
  if (!backend) {
    throw new ValidationError(
      `backendId: no backend "${backendId}" is configured (configured: ${backends.map((b) => b.id).join(", ")})`,
    );
  }
  return backend;
}

export function chooseTask(taskKey: string): TaskDefinition {
  const task = getTask(taskKey);
  if (!task) throw new ValidationError(`taskKey: unknown task "${taskKey}" (GET /api/tasks lists them)`);
  return task;
}

/** Throws a ValidationError saying why this record cannot answer the task at this cut-off. */
export async function checkRunInput(patientId: string, task: TaskDefinition, cutoff: Date): Promise<void> {
  const { encounters, availability } = await patientTaskAvailability(patientId, task);
  if (!availability.available) {
    throw new ValidationError(`taskKey: "${task.title}" is not available for this patient: ${availability.reason}`);
  }
  try {
    contextWindow(task, encounters, cutoff);
  } catch (error) {
    if (error instanceof ContextWindowError) throw new ValidationError(`cutoff: ${error.message}`);
    throw error;
  }
}

/** (task, backend config) pairs whose rows this process has written. */
const ensuredCatalogRows = new Set<string>();

/**
 * The start script syncs the catalog; this keeps `next dev` and a changed environment working.
 * Once per pair and process: every upsert rewrites (and locks) the same two rows, which made a
 * hundred runs started at once wait on each other.
 */
export async function ensureCatalogRows(task: TaskDefinition, backend: BackendConfig): Promise<void> {
  const key = JSON.stringify([task.key, backend]);
  if (ensuredCatalogRows.has(key)) return;
  await upsertCatalogRows(db, [task], [backend]);
  ensuredCatalogRows.add(key);
}

/** Stores a queued run for checked input (catalog rows ensured) and submits it; returns its id. */
export async function enqueueRun(
  input: { patientId: string; task: TaskDefinition; backend: BackendConfig; cutoff: Date },
  user: Pick<CurrentUser, "id">,
  links: { batchId?: string; retryOfId?: string; submit?: boolean } = {},
): Promise<string> {
  const run = await db.predictionRun.create({
    data: {
      patientId: input.patientId,
      taskKey: input.task.key,
      backendId: input.backend.id,
      cutoff: input.cutoff,
      createdById: user.id,
      batchId: links.batchId ?? null,
      retryOfId: links.retryOfId ?? null,
    },
    select: { id: true },
  });
  if (links.submit ?? true) void submitRun(run.id, input.backend.id);
  return run.id;
}

export async function createRun(input: NewRun, user: Pick<CurrentUser, "id">): Promise<{ id: string }> {
  const patientId = await requirePatient(input.patientId);
  const task = chooseTask(input.taskKey);
  const backend = chooseBackend(input.backendId);
  await checkRunInput(patientId, task, input.cutoff);
  await ensureCatalogRows(task, backend);
  return { id: await enqueueRun({ patientId, task, backend, cutoff: input.cutoff }, user) };
}
