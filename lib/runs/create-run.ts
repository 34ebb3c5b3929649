// Starting a run: check everything that can be checked before any work (the patient exists,
// the task is known and answerable from this record, the cut-off fits the task's rule, the
// backend is configured), store it queued with its job (one transaction), and answer with its
// id. The run then executes on a worker whatever the browser does.
import "server-only";
import type pg from "pg";
import { logAccessOn, type AccessEntry } from "../auth/access-log";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { requirePatient } from "../ehr/queries/require-patient";
import { ValidationError } from "../http/errors";
import { BASELINE_ID, loadBackends, type BackendConfig } from "../model/backends/load-backends";
import { ContextWindowError, contextWindow } from "../model/tasks/context-window";
import { getTask } from "../model/tasks/task-catalog";
import type { TaskDefinition } from "../model/tasks/task-types";
import { pgTimestampParam } from "../ehr/queries/pg-timestamp";
import { enqueueRunJobs, inTransaction } from "./run-jobs";
import { wakeLocalWorker } from "./run-worker";
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

export type NewRunRow = { patientId: string; task: TaskDefinition; backend: BackendConfig; cutoff: Date };

/**
 * Stores queued runs for checked input (catalog rows ensured), on `client` in the caller's
 * transaction, and with `enqueue` their jobs in the same transaction; returns their ids in order.
 */
export async function insertRuns(
  client: pg.PoolClient,
  rows: readonly NewRunRow[],
  user: Pick<CurrentUser, "id">,
  {
    batchId = null,
    retryOfId = null,
    enqueue = true,
  }: { batchId?: string | null; retryOfId?: string | null; enqueue?: boolean },
): Promise<string[]> {
  const ids = rows.map(() => crypto.randomUUID());
  // Written as UTC text: the columns are timestamps without a zone (pg-timestamp.ts).
  const now = pgTimestampParam(new Date());
  await client.query(
    `INSERT INTO prediction_run (id, "patientId", "taskKey", "backendId", cutoff, "createdById", "batchId", "retryOfId",
                                 "createdAt", "enqueuedAt")
     SELECT r.id, r."patientId", r."taskKey", r."backendId", r.cutoff, $6, $7, $8, $9::timestamp,
            CASE WHEN $10 THEN $9::timestamp END
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamp[])
       AS r(id, "patientId", "taskKey", "backendId", cutoff)`,
    [
      ids,
      rows.map((row) => row.patientId),
      rows.map((row) => row.task.key),
      rows.map((row) => row.backend.id),
      rows.map((row) => pgTimestampParam(row.cutoff)),
      user.id,
      batchId,
      retryOfId,
      now,
      enqueue,
    ],
  );
  if (enqueue)
    await enqueueRunJobs(
      client,
      ids.map((runId, i) => ({ runId, backendId: rows[i].backend.id })),
    );
  return ids;
}

/**
 * Stores a queued run for checked input (catalog rows ensured) with its job, and wakes this
 * process's worker when it has one (the one-process default: the run starts here at once,
 * and its readers here follow the in-process relay). Returns its id.
 */
export async function enqueueRun(
  input: NewRunRow,
  user: Pick<CurrentUser, "id">,
  links: { retryOfId?: string; submit?: boolean; access?: RunAccess } = {},
): Promise<string> {
  const enqueue = links.submit ?? true;
  const [id] = await inTransaction(async (client) => {
    const ids = await insertRuns(client, [input], user, { retryOfId: links.retryOfId ?? null, enqueue });
    if (links.access) await logAccessOn(client, { ...links.access, user, resourceType: "run", resourceId: ids[0] });
    return ids;
  });
  if (enqueue) wakeLocalWorker();
  return id;
}

/** How the request that creates a run is logged (its `create` of the run), with the run. */
export type RunAccess = Pick<AccessEntry, "action" | "route" | "headers">;

/**
 * Checks and stores a run with its job; `access`: its access-log entry goes in the same
 * transaction, so the run is never taken by a worker while its creator's answer still waits to
 * be logged (at a hundred runs started at once, a third of the readers got their stream — and
 * the first token, already sent — only after that second write, hundreds of milliseconds on).
 */
export async function createRun(
  input: NewRun,
  user: Pick<CurrentUser, "id">,
  access?: RunAccess,
): Promise<{ id: string }> {
  const patientId = await requirePatient(input.patientId);
  const task = chooseTask(input.taskKey);
  const backend = chooseBackend(input.backendId);
  await checkRunInput(patientId, task, input.cutoff);
  await ensureCatalogRows(task, backend);
  return { id: await enqueueRun({ patientId, task, backend, cutoff: input.cutoff }, user, { access }) };
}
