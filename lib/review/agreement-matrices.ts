// Submitted ratings → one units × raters matrix per criterion, the input every statistic in
// lib/review/agreement takes. Pure, so the unit test can state matrices exactly.
// A unit is what two raters can agree on: a predicted item, an item's overall rating, a rubric
// criterion of an item, a reasoning step (flags), or a pairwise criterion.
import type { Level, Rating, Value } from "./agreement";
import { PAIRWISE_CHOICES, type QueueConfig, type ReviewKind } from "./queue-config";
import type { RatingContent } from "./save-rating.types";

export type RatedItem = {
  queueItemId: string;
  taskKey: string;
  itemRanks: readonly number[];
  stepIds: readonly string[];
  /** Submitted ratings of this item, at most one per rater. */
  ratings: readonly (Pick<RatingContent, "overall" | "items" | "rubric" | "steps"> & { raterId: string })[];
};

export type CriterionMatrix = {
  key: string;
  label: string;
  /** How ratings differ: ordinal for scales, nominal for flags and pairwise choices. */
  level: Extract<Level, "nominal" | "ordinal">;
  /** The scale in order (worst to best for ordinal ones). */
  categories: Value[];
  /** One row per unit, one column per rater (raterIds order); null where a rater did not rate. */
  matrix: Rating[][];
  /** Per row: the queue item's task, for per-task breakdowns. */
  taskKeys: string[];
};

/** Flags of a step as one nominal value ("none" when a rater flagged nothing). */
export function stepFlagValue(flags: readonly string[]): string {
  return flags.length ? [...flags].sort().join("+") : "none";
}

function criterion(key: string, label: string, level: CriterionMatrix["level"], categories: Value[]): CriterionMatrix {
  return { key, label, level, categories, matrix: [], taskKeys: [] };
}

function addRow(target: CriterionMatrix, taskKey: string, row: Rating[]): void {
  target.matrix.push(row);
  target.taskKeys.push(taskKey);
}

export function agreementMatrices(
  kind: ReviewKind,
  config: QueueConfig,
  items: readonly RatedItem[],
  raterIds: readonly string[],
): CriterionMatrix[] {
  const byRater = (item: RatedItem) => raterIds.map((id) => item.ratings.find((rating) => rating.raterId === id));

  if (kind === "agreement") {
    const scale = config.agreementScale.map((level) => level.value);
    const perItem = criterion("item", "Predicted items", "ordinal", scale);
    const overall = criterion("overall", "Overall agreement", "ordinal", scale);
    for (const item of items) {
      const ratings = byRater(item);
      for (const rank of item.itemRanks) {
        addRow(
          perItem,
          item.taskKey,
          ratings.map((rating) => rating?.items.find((entry) => entry.rank === rank)?.value ?? null),
        );
      }
      addRow(
        overall,
        item.taskKey,
        ratings.map((rating) => rating?.overall ?? null),
      );
    }
    return [perItem, overall];
  }

  if (kind === "rubric") {
    const criteria = config.criteria.map((c) =>
      criterion(
        c.key,
        c.label,
        "ordinal",
        c.levels.map((level) => level.value),
      ),
    );
    const allValues = [...new Set(config.criteria.flatMap((c) => c.levels.map((level) => level.value)))].sort(
      (a, b) => a - b,
    );
    const pooled = criterion("all", "All criteria", "ordinal", allValues);
    const flags = criterion("steps", "Reasoning step flags", "nominal", []);
    for (const item of items) {
      const ratings = byRater(item);
      for (const c of criteria) {
        const row = ratings.map((rating) => (rating?.rubric[c.key] as number | undefined) ?? null);
        addRow(c, item.taskKey, row);
        addRow(pooled, item.taskKey, row);
      }
      if (!config.stepFlags) continue;
      for (const stepId of item.stepIds) {
        addRow(
          flags,
          item.taskKey,
          ratings.map((rating) =>
            rating ? stepFlagValue(rating.steps.find((step) => step.step === stepId)?.flags ?? []) : null,
          ),
        );
      }
    }
    flags.categories = [
      ...new Set(flags.matrix.flat().filter((value): value is string => typeof value === "string")),
    ].sort();
    return [...criteria, pooled, ...(config.stepFlags ? [flags] : [])];
  }

  const choices: Value[] = [...PAIRWISE_CHOICES];
  const criteria = config.pairwiseCriteria.map((c) => criterion(c.key, c.label, "nominal", choices));
  const pooled = criterion("all", "All criteria", "nominal", choices);
  for (const item of items) {
    const ratings = byRater(item);
    for (const c of criteria) {
      const row = ratings.map((rating) => rating?.rubric[c.key] ?? null);
      addRow(c, item.taskKey, row);
      addRow(pooled, item.taskKey, row);
    }
  }
  return [...criteria, pooled];
}
