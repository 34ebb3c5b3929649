// The answer the record gives after the cut-off, read by the task's own ground-truth reader.
// Only events in the month after the cut-off are loaded: every EHR-Bench reader looks at the
// cut-off's admission or the next 30 days, and a long record must not be read whole for it.
import { days } from "../model/record";
import { getTask } from "../model/tasks/task-catalog";
import { loadEvents, loadPatientRecord } from "../runs/load-record";
import type { GroundTruthView } from "./get-review-item.types";

export async function readGroundTruth(run: {
  patientId: string;
  taskKey: string;
  cutoff: Date;
}): Promise<GroundTruthView> {
  const task = getTask(run.taskKey);
  if (!task) return { kind: "unknown", reason: `task ${run.taskKey} is not in the catalog` };
  const [record, events] = await Promise.all([
    loadPatientRecord(run.patientId),
    loadEvents(run.patientId, { from: run.cutoff, to: new Date(run.cutoff.getTime() + days(31)) }),
  ]);
  const truth = task.readGroundTruth({ ...record, events, cutoff: run.cutoff });
  if (truth.kind === "items") return { kind: "items", items: truth.items, evidence: truth.evidence };
  if (truth.kind === "yes_no") return { kind: "yes_no", answer: truth.answer, evidence: truth.evidence };
  return truth;
}
