// Patients × tasks → queue items, each at the cut-off a run batch would choose, and the pairs
// the record cannot answer with the reason. One rule for creating a queue and for previewing
// one in the form (previewQueue), so the browser never restates it.
import { ValidationError } from "../http/errors";
import { checkRunInput, chooseBackend, chooseTask } from "../runs/create-run";
import { listTaskOptions, type AdmissionOption } from "../runs/task-options";
import type { QueueSelection, SkippedItem } from "./create-queue.types";

export type ItemDraft = {
  patientId: string;
  taskKey: string;
  cutoff: Date;
  backendId: string;
  backendBId: string | null;
};

/** The suggested cut-off of the latest admission that passes the run's own checks (as batches choose). */
async function latestValidCutoff(
  patientId: string,
  taskKey: string,
  admissions: readonly AdmissionOption[],
): Promise<Date | null> {
  for (const admission of [...admissions].reverse()) {
    const suggested = admission.cutoffs[taskKey];
    if (!suggested) continue;
    try {
      await checkRunInput(patientId, chooseTask(taskKey), new Date(suggested));
      return new Date(suggested);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
  }
  return null;
}

/**
 * Patients × tasks, each at the cut-off a run batch would choose (the latest admission that
 * can anchor the task); pairs the record cannot answer are skipped with the reason. Unknown
 * tasks or backends are a ValidationError; duplicates in the selection count once.
 */
export async function selectQueueItems(
  selection: QueueSelection,
  isPairwise: boolean,
): Promise<{ items: ItemDraft[]; skipped: SkippedItem[] }> {
  const backendId = chooseBackend(selection.backendId).id;
  const backendBId = isPairwise ? chooseBackend(selection.backendBId).id : null;
  const taskKeys = [...new Set(selection.taskKeys)];
  for (const taskKey of taskKeys) chooseTask(taskKey);
  const items: ItemDraft[] = [];
  const skipped: SkippedItem[] = [];
  for (const patientId of new Set(selection.patientIds)) {
    const options = await listTaskOptions(patientId);
    for (const taskKey of taskKeys) {
      const task = options.tasks.find((candidate) => candidate.key === taskKey)!;
      if (!task.available) {
        skipped.push({ patientId, taskKey, reason: task.reason ?? "not available" });
        continue;
      }
      const cutoff = await latestValidCutoff(patientId, taskKey, options.admissions);
      if (cutoff) items.push({ patientId, taskKey, cutoff, backendId, backendBId });
      else skipped.push({ patientId, taskKey, reason: "no admission offers a cut-off for this task" });
    }
  }
  return { items, skipped };
}
