// GET /api/stats/agreement?queue=&kind=: inter-rater agreement of one queue's submitted
// ratings, per criterion, each figure with a percentile bootstrap interval; and, for
// agreement queues, how often clinicians agree with the model, per task. Undefined figures
// (no pairs, no variation) are null, never a number that looks meaningful.
import { z } from "zod";
import { ReviewKind } from "./queue-config";

const Stat = z.number().nullable();

export const Interval = z.object({
  estimate: Stat,
  low: Stat,
  high: Stat,
  /** Bootstrap replicates with a defined value (of `iterations`); few means an unreliable interval. */
  valid: z.number().int(),
  iterations: z.number().int(),
});
export type Interval = z.infer<typeof Interval>;

export const CriterionAgreement = z.object({
  key: z.string(),
  label: z.string(),
  level: z.enum(["nominal", "ordinal"]),
  /** Units with at least two ratings (the only ones that say anything about agreement). */
  units: z.number().int(),
  ratings: z.number().int(),
  percentAgreement: Interval,
  /** Cohen's kappa (quadratic weights for ordinal scales) when exactly two raters took part. */
  cohenKappa: Interval.nullable(),
  /** Pairwise Cohen's kappa between every two raters (same weighting); null where undefined. */
  kappaMatrix: z.object({ kappa: z.array(z.array(Stat)), n: z.array(z.array(z.number().int())) }),
  /** Fleiss' kappa over units with exactly reviewersPerItem ratings (nominal). */
  fleissKappa: Interval.extend({ units: z.number().int(), droppedUnits: z.number().int() }),
  /**
   * Krippendorff's alpha; missing ratings (skipped or unrated) allowed. Ordinal, interval and
   * ratio only for ordinal scales; ratio only when every level value is ≥ 0.
   */
  alpha: z.object({
    nominal: Interval,
    ordinal: Interval.nullable(),
    interval: Interval.nullable(),
    ratio: Interval.nullable(),
  }),
});
export type CriterionAgreement = z.infer<typeof CriterionAgreement>;

export const TaskModelAgreement = z.object({
  taskKey: z.string(),
  /** Predicted items rated. */
  ratings: z.number().int(),
  /** Share of predicted items rated on the agreeing side of the scale, pooled over clinicians. */
  agreement: Interval,
  /** Per clinician: items rated and their share agreeing. */
  perRater: z.array(z.object({ raterId: z.string(), n: z.number().int(), agreement: Stat })),
  /** How many item ratings fell on each level of the scale, worst to best. */
  levels: z.array(z.object({ value: z.number().int(), label: z.string(), count: z.number().int() })),
});
export type TaskModelAgreement = z.infer<typeof TaskModelAgreement>;

/** Pairwise queues: how often run A won on a criterion, among the comparisons that were not ties. */
export const PairwiseWinRate = z.object({
  key: z.string(),
  label: z.string(),
  /** Submitted choices: A better, B better, tie (each rater's choice on each item counts once). */
  a: z.number().int(),
  b: z.number().int(),
  ties: z.number().int(),
  /** A / (A + B) with its 95 % Wilson score interval; null without a decisive choice. */
  aWinRate: z.object({ estimate: Stat, low: Stat, high: Stat }),
});
export type PairwiseWinRate = z.infer<typeof PairwiseWinRate>;

export const QueueAgreement = z.object({
  queueId: z.string(),
  kind: ReviewKind,
  raters: z.array(z.object({ id: z.string(), name: z.string() })),
  reviewersPerItem: z.number().int(),
  bootstrap: z.object({ iterations: z.number().int(), confidence: z.number(), seed: z.number().int() }),
  criteria: z.array(CriterionAgreement),
  modelAgreement: z.array(TaskModelAgreement),
  /** Pairwise queues: which backends the items' runs A and B come from, and the win rates. */
  pairwise: z
    .object({
      backendsA: z.array(z.string()),
      backendsB: z.array(z.string()),
      winRates: z.array(PairwiseWinRate),
    })
    .nullable(),
});
export type QueueAgreement = z.infer<typeof QueueAgreement>;

/** Strict: a parameter this route does not know (e.g. `level=ratio`) is a 400, never silently ignored. */
export const QueueAgreementQuery = z.strictObject({ queue: z.uuid(), kind: ReviewKind.optional() });
