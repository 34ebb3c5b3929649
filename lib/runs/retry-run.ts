// Retrying a run: a new run of the same patient, task, cut-off and backend that names the
// original (retryOfId), started by whoever asks. The original stays as it was, for the record.
import type { CurrentUser } from "../auth/current-user";
import { chooseBackend, chooseTask, enqueueRun, ensureCatalogRows } from "./create-run";
import { requireReadableRun } from "./run-access";

export async function retryRun(runId: string, user: Pick<CurrentUser, "id" | "roles">): Promise<{ id: string }> {
  const run = await requireReadableRun(runId, user);
  const task = chooseTask(run.taskKey);
  const backend = chooseBackend(run.backendId);
  await ensureCatalogRows(task, backend);
  const id = await enqueueRun({ patientId: run.patientId, task, backend, cutoff: run.cutoff }, user, {
    retryOfId: run.id,
  });
  return { id };
}
