// One run as a reviewer reads it: reasoning split into steps (stable ids from splitSteps),
// the answer and its items, and the model's name unless the reviewer is blind to it.
import "server-only";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { BASELINE_LABEL } from "../model/baseline/baseline-input";
import { splitSteps } from "../model/parse/split-steps";
import type { ReviewRun } from "./get-review-item.types";

/** What the run was asked: the patient, task and cut-off (the same for both runs of a pair). */
export type RunSource = { patientId: string; taskKey: string; cutoff: Date };

export async function loadReviewRun(
  runId: string,
  options: { slot: "A" | "B"; isBlind: boolean },
): Promise<{ run: ReviewRun; source: RunSource }> {
  const run = await db.predictionRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      patientId: true,
      taskKey: true,
      cutoff: true,
      status: true,
      error: true,
      reasoning: true,
      answer: true,
      modelName: true,
      backend: { select: { name: true, kind: true } },
      items: { orderBy: { rank: "asc" }, select: { rank: true, label: true, probability: true } },
    },
  });
  if (!run) throw new NotFoundError("Run");
  return {
    run: {
      slot: options.slot,
      runId: run.id,
      status: run.status,
      error: run.error,
      steps: splitSteps(run.reasoning).map(({ id, section, text }) => ({ id, section, text })),
      answer: run.answer,
      items: run.items,
      modelLabel: options.isBlind ? null : modelLabel(run),
    },
    source: { patientId: run.patientId, taskKey: run.taskKey, cutoff: run.cutoff },
  };
}

/** How exports and unblinded views name a run's model; the baseline is never mistaken for EHR-R1. */
export function modelLabel(run: { modelName: string | null; backend: { name: string; kind: string } }): string {
  if (run.backend.kind === "baseline") return BASELINE_LABEL;
  // Backends configured from the environment are already named after their model
  // ("EHR-R1 (BlueZeros/EHR-R1-8B)"): the model is added only when the name does not say it.
  if (!run.modelName || run.backend.name.includes(run.modelName)) return run.backend.name;
  return `${run.backend.name} (${run.modelName})`;
}
