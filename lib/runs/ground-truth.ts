// What really happened after the cut-off, next to what the run predicted. Shown after the
// reviewer has rated, in the end; for now to admins and to the run's creator (who chose the
// cut-off and may well know the outcome). The review work extends canSeeGroundTruth.
import type { CurrentUser } from "../auth/current-user";
import { admissionAt } from "../model/record";
import { requireTask } from "../model/tasks/task-catalog";
import type { GroundTruth } from "../model/tasks/task-types";
import { loadEvents, loadPatientRecord } from "./load-record";

export function canSeeGroundTruth(
  user: Pick<CurrentUser, "id" | "roles">,
  run: { createdById: string | null },
): boolean {
  return user.roles.includes("admin") || (run.createdById !== null && run.createdById === user.id);
}

export type PredictedItem = { rank: number; label: string };

export type GroundTruthComparison =
  | {
      kind: "items";
      /** The true items, each marked whether the run predicted it. */
      truth: { label: string; predicted: boolean }[];
      /** The run's items, each marked hit (in the truth) or not. */
      predicted: { rank: number; label: string; hit: boolean }[];
      precision: number | null;
      recall: number | null;
      f1: number | null;
      evidence: string;
      time: string;
      eventIds: string[];
    }
  | {
      kind: "yes_no";
      answer: "yes" | "no";
      predicted: "yes" | "no" | null;
      correct: boolean | null;
      evidence: string;
    }
  | { kind: "unknown"; reason: string };

// EHR-Bench scores items as lower-cased exact names; so do we.
const key = (label: string) => label.trim().toLowerCase();

export function compareWithTruth(truth: GroundTruth, items: readonly PredictedItem[]): GroundTruthComparison {
  if (truth.kind === "unknown") return truth;
  if (truth.kind === "yes_no") {
    const said = items[0] ? key(items[0].label) : null;
    const predicted = said === "yes" || said === "no" ? said : null;
    return {
      kind: "yes_no",
      answer: truth.answer,
      predicted,
      correct: predicted === null ? null : predicted === truth.answer,
      evidence: truth.evidence,
    };
  }
  const trueKeys = new Set(truth.items.map(key));
  const predictedKeys = new Set(items.map((item) => key(item.label)));
  const hits = [...predictedKeys].filter((k) => trueKeys.has(k)).length;
  const precision = predictedKeys.size ? hits / predictedKeys.size : null;
  const recall = trueKeys.size ? hits / trueKeys.size : null;
  const f1 =
    precision === null || recall === null
      ? null
      : precision + recall === 0
        ? 0
        : (2 * precision * recall) / (precision + recall);
  return {
    kind: "items",
    truth: truth.items.map((label) => ({ label, predicted: predictedKeys.has(key(label)) })),
    predicted: items.map((item) => ({ rank: item.rank, label: item.label, hit: trueKeys.has(key(item.label)) })),
    precision,
    recall,
    f1,
    evidence: truth.evidence,
    time: truth.time.toISOString(),
    eventIds: truth.eventIds,
  };
}

/**
 * Reads the truth from the record. Decision tasks need the events after the cut-off, but only
 * within the cut-off's admission; risk tasks read encounters and the patient alone.
 */
export async function readRunGroundTruth(run: {
  patientId: string;
  taskKey: string;
  cutoff: Date;
}): Promise<GroundTruth> {
  const task = requireTask(run.taskKey);
  const record = await loadPatientRecord(run.patientId);
  let events: Awaited<ReturnType<typeof loadEvents>> = [];
  if (task.answerType === "item_list") {
    const admission = admissionAt(record.encounters, run.cutoff);
    const until = admission?.end && admission.end >= run.cutoff ? admission.end : undefined;
    events = await loadEvents(run.patientId, { from: run.cutoff, to: until });
  }
  return task.readGroundTruth({ ...record, events, cutoff: run.cutoff });
}
