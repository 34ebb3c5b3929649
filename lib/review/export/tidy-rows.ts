// One rating → its tidy rows, one per criterion it answers: each predicted item, each missing
// item, overall and confidence (agreement); each rubric criterion, each flagged step and
// confidence (rubric); each pairwise criterion and confidence (pairwise). Unanswered criteria
// and unflagged steps have no row. Pure: the database paging lives in read-rating-pages.ts.
import { BASELINE_LABEL } from "../../model/baseline/baseline-input";
import { splitSteps } from "../../model/parse/split-steps";
import {
  CONFIDENCE_SCALE,
  STEP_FLAG_LABELS,
  type QueueConfig,
  type ReviewKind,
  type ScaleLevel,
} from "../queue-config";
import type { RatingView } from "../save-rating.types";
import type { Cell, TidyRow } from "./export-columns";

export type ExportRun = {
  id: string;
  patientId: string;
  patientSource: string;
  patientExternalId: string;
  taskKey: string;
  cutoff: Date;
  backendName: string;
  backendKind: string;
  modelName: string | null;
  reasoning: string;
  items: { rank: number; label: string }[];
};

export type ExportRating = {
  rating: RatingView;
  raterRole: string;
  run: ExportRun;
  runB: ExportRun | null;
  queue: { id: string; name: string } | null;
  item: { id: string; position: number } | null;
  /** The queue's scales and criteria (the defaults for a rating outside queues). */
  config: QueueConfig;
};

/** The backend as the export names it: the baseline says plainly that it is not EHR-R1. */
const backendOf = (run: Pick<ExportRun, "backendKind" | "backendName">) =>
  run.backendKind === "baseline" ? BASELINE_LABEL : run.backendName;

const levelLabel = (levels: readonly ScaleLevel[], value: number) =>
  levels.find((level) => level.value === value)?.label ?? null;

type Answer = { criterion: string; label: string; value: Cell; valueLabel: Cell; note?: string };

function answers(entry: ExportRating): Answer[] {
  const { rating, config, run, runB } = entry;
  const out: Answer[] = [];
  const kind: ReviewKind = rating.kind;
  if (kind === "agreement") {
    for (const item of rating.items) {
      const predicted = run.items.find((candidate) => candidate.rank === item.rank);
      out.push({
        criterion: `item:${item.rank}`,
        label: predicted?.label ?? "",
        value: item.value,
        valueLabel: levelLabel(config.agreementScale, item.value),
      });
    }
    rating.missingItems.forEach((text, index) =>
      out.push({ criterion: `missing_item:${index + 1}`, label: "Missing item", value: text, valueLabel: text }),
    );
    if (rating.overall !== null) {
      out.push({
        criterion: "overall",
        label: "Overall agreement",
        value: rating.overall,
        valueLabel: levelLabel(config.agreementScale, rating.overall),
      });
    }
  }
  if (kind === "rubric") {
    for (const criterion of config.criteria) {
      const value = rating.rubric[criterion.key];
      if (typeof value !== "number") continue;
      out.push({
        criterion: criterion.key,
        label: criterion.label,
        value,
        valueLabel: levelLabel(criterion.levels, value),
      });
    }
    const steps = rating.steps.length ? splitSteps(run.reasoning) : [];
    for (const annotation of rating.steps) {
      if (!annotation.flags.length && !annotation.note) continue;
      const step = steps.find((candidate) => candidate.id === annotation.step);
      out.push({
        criterion: `step:${annotation.step}`,
        label: step ? `${step.section}: ${step.text.slice(0, 80)}` : annotation.step,
        value: [...annotation.flags].sort().join("+") || "none",
        valueLabel: annotation.flags.map((flag) => STEP_FLAG_LABELS[flag]).join(" + ") || "None",
        note: annotation.note,
      });
    }
  }
  if (kind === "pairwise") {
    for (const criterion of config.pairwiseCriteria) {
      const value = rating.rubric[criterion.key];
      if (value === undefined) continue;
      const chosen = value === "A" ? run : value === "B" ? runB : null;
      out.push({
        criterion: criterion.key,
        label: criterion.label,
        value: String(value),
        valueLabel: chosen ? `${value}: ${backendOf(chosen)}` : "tie",
      });
    }
  }
  if (rating.confidence !== null) {
    out.push({
      criterion: "confidence",
      label: "Confidence",
      value: rating.confidence,
      valueLabel: levelLabel(CONFIDENCE_SCALE, rating.confidence),
    });
  }
  return out;
}

export function tidyRowsOf(entry: ExportRating, raterId: (userId: string) => string): TidyRow[] {
  const { rating, run, runB, queue, item } = entry;
  const presentedLeft = rating.presentedOrder ? rating.presentedOrder[0] : null;
  return answers(entry).map((answer) => ({
    queue_id: queue?.id ?? null,
    queue_name: queue?.name ?? null,
    item_id: item?.id ?? null,
    item_position: item?.position ?? null,
    kind: rating.kind,
    run_id: run.id,
    run_b_id: runB?.id ?? null,
    presented_left: presentedLeft,
    patient_id: run.patientId,
    patient_source: run.patientSource,
    patient_external_id: run.patientExternalId,
    task: run.taskKey,
    cutoff: run.cutoff.toISOString(),
    backend: backendOf(run),
    model: run.modelName,
    backend_b: runB ? backendOf(runB) : null,
    model_b: runB?.modelName ?? null,
    rater_id: raterId(rating.userId),
    rater_role: entry.raterRole,
    criterion: answer.criterion,
    criterion_label: answer.label,
    value: answer.value,
    value_label: answer.valueLabel,
    note: answer.note || null,
    comment: rating.comment || null,
    status: rating.status,
    version: rating.version,
    created_at: rating.createdAt,
    updated_at: rating.updatedAt,
    submitted_at: rating.submittedAt,
    time_spent_ms: rating.timeSpentMs,
  }));
}
