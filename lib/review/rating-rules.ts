// What a rating may contain for its kind and queue, and what it must contain to be
// submitted. Pure, so the rating form shows the same "still to answer" list the server
// enforces.
import { CONFIDENCE_SCALE, PAIRWISE_CHOICES, type QueueConfig, type ReviewKind } from "./queue-config";
import type { RatingContent } from "./save-rating.types";

/** What is being rated: the kind, the queue's config, and the run's item ranks and step ids. */
export type RatingTarget = {
  kind: ReviewKind;
  config: QueueConfig;
  itemRanks: readonly number[];
  stepIds: readonly string[];
};

const valuesOf = (levels: readonly { value: number }[]) => new Set(levels.map((level) => level.value));

/** Every problem that makes `content` invalid for `target`, in words; empty when it is fine. */
export function ratingProblems(content: RatingContent, target: RatingTarget): string[] {
  const problems: string[] = [];
  const { kind, config } = target;
  if (content.confidence !== null && !valuesOf(CONFIDENCE_SCALE).has(content.confidence)) {
    problems.push(`confidence ${content.confidence} is not on the 1–5 scale`);
  }
  if (kind === "agreement") {
    const scale = valuesOf(config.agreementScale);
    const ranks = new Set(target.itemRanks);
    const seen = new Set<number>();
    for (const item of content.items) {
      if (!ranks.has(item.rank)) problems.push(`the run has no predicted item ${item.rank}`);
      if (seen.has(item.rank)) problems.push(`item ${item.rank} is rated twice`);
      if (!scale.has(item.value)) problems.push(`item ${item.rank}: ${item.value} is not on the scale`);
      seen.add(item.rank);
    }
    if (content.overall !== null && !scale.has(content.overall)) {
      problems.push(`overall ${content.overall} is not on the scale`);
    }
  } else {
    if (content.items.length) problems.push(`${kind} ratings do not rate predicted items`);
    if (content.missingItems.length) problems.push(`${kind} ratings do not list missing items`);
    if (content.overall !== null) problems.push(`${kind} ratings have no overall agreement`);
  }
  if (kind === "rubric") {
    for (const [key, value] of Object.entries(content.rubric)) {
      const criterion = config.criteria.find((candidate) => candidate.key === key);
      if (!criterion) problems.push(`unknown criterion ${key}`);
      else if (typeof value !== "number" || !valuesOf(criterion.levels).has(value)) {
        problems.push(`${key}: ${String(value)} is not one of its levels`);
      }
    }
    const stepIds = new Set(target.stepIds);
    const seen = new Set<string>();
    if (content.steps.length && !config.stepFlags) problems.push("this queue does not flag reasoning steps");
    for (const step of content.steps) {
      if (!stepIds.has(step.step)) problems.push(`the reasoning has no step ${step.step}`);
      if (seen.has(step.step)) problems.push(`step ${step.step} is annotated twice`);
      seen.add(step.step);
    }
  } else if (content.steps.length) {
    problems.push(`${kind} ratings do not flag reasoning steps`);
  }
  if (kind === "pairwise") {
    const choices: readonly unknown[] = PAIRWISE_CHOICES;
    for (const [key, value] of Object.entries(content.rubric)) {
      if (!config.pairwiseCriteria.some((criterion) => criterion.key === key))
        problems.push(`unknown criterion ${key}`);
      else if (!choices.includes(value)) problems.push(`${key}: choose A, B or tie`);
    }
  } else if (kind === "agreement" && Object.keys(content.rubric).length) {
    problems.push("agreement ratings have no rubric");
  }
  return problems;
}

/** What a rater still has to answer before submitting, as short labels for the form. */
export function unansweredParts(content: RatingContent, target: RatingTarget): string[] {
  const missing: string[] = [];
  if (target.kind === "agreement") {
    const rated = new Set(content.items.map((item) => item.rank));
    const unrated = target.itemRanks.filter((rank) => !rated.has(rank)).length;
    if (unrated) missing.push(`${unrated} predicted item${unrated === 1 ? "" : "s"}`);
    if (content.overall === null) missing.push("overall agreement");
  }
  if (target.kind === "rubric") {
    for (const criterion of target.config.criteria) {
      if (content.rubric[criterion.key] === undefined) missing.push(criterion.label);
    }
  }
  if (target.kind === "pairwise") {
    for (const criterion of target.config.pairwiseCriteria) {
      if (content.rubric[criterion.key] === undefined) missing.push(criterion.label);
    }
  }
  if (content.confidence === null) missing.push("confidence");
  return missing;
}
