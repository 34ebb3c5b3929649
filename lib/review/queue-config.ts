// What a queue asks its reviewers: the agreement scale (per predicted item and overall), the
// rubric's criteria with anchored level definitions, the pairwise criteria, and whether
// reasoning steps are flagged. Stored in Queue.rubric; read through parseQueueConfig so a
// queue made before a field existed still gets its default. No database or React here: the
// rating form and the server validate against the same definitions.
import { z } from "zod";

export const ReviewKind = z.enum(["agreement", "rubric", "pairwise"]);
export type ReviewKind = z.infer<typeof ReviewKind>;

export const ScaleLevel = z.object({
  /** Stored and exported; integers so the export loads as numbers and ordinal statistics apply. */
  value: z.number().int().min(-100).max(100),
  label: z.string().trim().min(1).max(60),
  /** The anchor: what this level means, shown next to it. */
  definition: z.string().trim().max(500).default(""),
});
export type ScaleLevel = z.infer<typeof ScaleLevel>;

/** In order from worst to best; one digit key per level, hence at most nine. */
const Levels = z
  .array(ScaleLevel)
  .min(2)
  .max(9)
  .refine((levels) => new Set(levels.map((level) => level.value)).size === levels.length, "level values must differ");

const CriterionKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "criterion keys are lower-case letters, digits and _ (e.g. factual_accuracy)");

export const RubricCriterion = z.object({
  key: CriterionKey,
  label: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(""),
  levels: Levels,
});
export type RubricCriterion = z.infer<typeof RubricCriterion>;

export const PairwiseCriterion = z.object({
  key: CriterionKey,
  label: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(""),
});
export type PairwiseCriterion = z.infer<typeof PairwiseCriterion>;

const uniqueKeys = (criteria: readonly { key: string }[]) =>
  new Set(criteria.map((c) => c.key)).size === criteria.length;

export const AGREE_PARTLY_DISAGREE: ScaleLevel[] = [
  { value: 0, label: "Disagree", definition: "Wrong or not supported by the record." },
  { value: 1, label: "Partly", definition: "Defensible but imprecise, incomplete or only partly supported." },
  { value: 2, label: "Agree", definition: "Correct and what I would have predicted." },
];

export const LIKERT_5: ScaleLevel[] = [
  { value: 1, label: "Strongly disagree", definition: "" },
  { value: 2, label: "Disagree", definition: "" },
  { value: 3, label: "Neutral", definition: "" },
  { value: 4, label: "Agree", definition: "" },
  { value: 5, label: "Strongly agree", definition: "" },
];

/** The rater's confidence in their own rating: the same for every queue, so it compares across queues. */
export const CONFIDENCE_SCALE: ScaleLevel[] = [
  { value: 1, label: "Very low", definition: "A guess." },
  { value: 2, label: "Low", definition: "" },
  { value: 3, label: "Moderate", definition: "" },
  { value: 4, label: "High", definition: "" },
  { value: 5, label: "Very high", definition: "Certain." },
];

const anchored = (low: string, middle: string, high: string): ScaleLevel[] => [
  { value: 1, label: "Poor", definition: low },
  { value: 2, label: "Fair", definition: "" },
  { value: 3, label: "Adequate", definition: middle },
  { value: 4, label: "Good", definition: "" },
  { value: 5, label: "Excellent", definition: high },
];

export const DEFAULT_RUBRIC: RubricCriterion[] = [
  {
    key: "factual_accuracy",
    label: "Factual accuracy",
    description: "Are the facts the reasoning states about the patient true?",
    levels: anchored(
      "Several statements contradict the record.",
      "Mostly true; a minor slip that does not change the conclusion.",
      "Every stated fact matches the record.",
    ),
  },
  {
    key: "evidence_grounding",
    label: "Evidence grounding",
    description: "Does each conclusion cite evidence present before the cut-off?",
    levels: anchored(
      "Conclusions without evidence, or evidence not in the record.",
      "Main conclusions grounded; some claims unsupported.",
      "Every conclusion traced to specific events.",
    ),
  },
  {
    key: "clinical_relevance",
    label: "Clinical relevance",
    description: "Does the reasoning focus on what matters for this task?",
    levels: anchored(
      "Dwells on irrelevant findings, misses the key problem.",
      "Relevant overall, with distractions.",
      "Focused on the findings a clinician would weigh.",
    ),
  },
  {
    key: "completeness",
    label: "Completeness",
    description: "Does it consider everything important in the record?",
    levels: anchored(
      "Ignores major findings.",
      "Covers the main findings, misses secondary ones.",
      "Nothing important left out.",
    ),
  },
  {
    key: "harm",
    label: "Potential for harm",
    description: "If acted on, could this reasoning harm the patient? (higher = safer)",
    levels: anchored(
      "Likely to cause serious harm.",
      "Minor harm possible, would likely be caught.",
      "No plausible harm.",
    ),
  },
];

export const DEFAULT_PAIRWISE: PairwiseCriterion[] = [
  { key: "overall", label: "Overall", description: "Which prediction and reasoning would you rather act on?" },
  { key: "correctness", label: "Correctness", description: "Which predicted items are more correct?" },
  { key: "reasoning", label: "Reasoning", description: "Which reasoning is better grounded in the record?" },
];

export const STEP_FLAGS = ["wrong_fact", "unsupported", "irrelevant", "harmful"] as const;
export type StepFlag = (typeof STEP_FLAGS)[number];
export const STEP_FLAG_LABELS: Record<StepFlag, string> = {
  wrong_fact: "Wrong fact",
  unsupported: "Unsupported",
  irrelevant: "Irrelevant",
  harmful: "Harmful",
};

export const PAIRWISE_CHOICES = ["A", "B", "tie"] as const;
export type PairwiseChoice = (typeof PAIRWISE_CHOICES)[number];

export const QueueConfig = z.object({
  /** Agreement queues: the scale for each predicted item and for the overall rating. */
  agreementScale: Levels.default(AGREE_PARTLY_DISAGREE),
  /** Rubric queues: the criteria, each with its anchored levels. */
  criteria: z
    .array(RubricCriterion)
    .min(1)
    .max(20)
    .refine(uniqueKeys, "criterion keys must differ")
    .default(DEFAULT_RUBRIC),
  /** Pairwise queues: the criteria on which the better run is picked. */
  pairwiseCriteria: z
    .array(PairwiseCriterion)
    .min(1)
    .max(20)
    .refine(uniqueKeys, "criterion keys must differ")
    .default(DEFAULT_PAIRWISE),
  /** Rubric queues: flag individual reasoning steps. */
  stepFlags: z.boolean().default(true),
});
export type QueueConfig = z.infer<typeof QueueConfig>;

/** A stored config with defaults filled in; a corrupt one fails loudly rather than being guessed at. */
export function parseQueueConfig(stored: unknown): QueueConfig {
  return QueueConfig.parse(stored ?? {});
}

export const DEFAULT_QUEUE_CONFIG: QueueConfig = parseQueueConfig({});
