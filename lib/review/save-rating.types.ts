// PUT /api/runs/:id/ratings/me: what a rater sends (the whole rating, autosaved as a draft or
// submitted) and the rating the server holds afterwards. The response schema is also what
// every other rating read returns, so no column reaches the browser by accident.
import { z } from "zod";
import { PAIRWISE_CHOICES, ReviewKind, STEP_FLAGS } from "./queue-config";

export const RatingStatus = z.enum(["draft", "submitted"]);
export type RatingStatus = z.infer<typeof RatingStatus>;

export const ItemRating = z.object({
  /** PredictionItem.rank of the rated item. */
  rank: z.number().int().min(0).max(10_000),
  value: z.number().int(),
});
export type ItemRating = z.infer<typeof ItemRating>;

export const StepAnnotation = z.object({
  /** A step id from splitSteps (lib/model/parse), stable across re-parses of the same text. */
  step: z.string().min(1).max(120),
  flags: z.array(z.enum(STEP_FLAGS)).max(STEP_FLAGS.length),
  note: z.string().max(2_000).default(""),
});
export type StepAnnotation = z.infer<typeof StepAnnotation>;

/** Rubric criterion → level value; pairwise criterion → "A" | "B" | "tie". */
export const RubricValues = z.record(z.string().max(40), z.union([z.number().int(), z.enum(PAIRWISE_CHOICES)]));
export type RubricValues = z.infer<typeof RubricValues>;

/** The part of a rating the rater writes; shared by the request, the snapshot in each revision and the browser's draft. */
export const RatingContent = z.object({
  overall: z.number().int().nullable().default(null),
  confidence: z.number().int().nullable().default(null),
  items: z.array(ItemRating).max(1_000).default([]),
  missingItems: z.array(z.string().trim().min(1).max(300)).max(100).default([]),
  rubric: RubricValues.default({}),
  steps: z.array(StepAnnotation).max(2_000).default([]),
  comment: z.string().max(20_000).default(""),
});
export type RatingContent = z.infer<typeof RatingContent>;

const WEEK_MS = 7 * 24 * 3_600_000;

export const SaveRatingRequest = RatingContent.extend({
  kind: ReviewKind,
  /** The queue item the rating is for; required for pairwise, and for runs of a queue the rater belongs to. */
  queueItemId: z.uuid().nullish(),
  /** "submitted" also counts the rating towards its queue item; a submitted rating never returns to draft. */
  status: RatingStatus.default("draft"),
  /** Total time on this rating so far, as the browser measured it (visible tab only). */
  timeSpentMs: z.number().int().min(0).max(WEEK_MS).default(0),
  /** The version this edit started from; 0 for a new rating. Stale → 409 with both versions. */
  version: z.number().int().min(0),
});
export type SaveRatingRequest = z.infer<typeof SaveRatingRequest>;
export type SaveRatingInput = z.input<typeof SaveRatingRequest>;

const Timestamp = z.union([z.date(), z.iso.datetime()]).transform((value) => new Date(value).toISOString());
const NullableTimestamp = Timestamp.nullable();

export const RatingView = RatingContent.extend({
  id: z.string(),
  runId: z.string(),
  userId: z.string(),
  kind: ReviewKind,
  queueItemId: z.string().nullable(),
  status: RatingStatus,
  timeSpentMs: z.number().int(),
  version: z.number().int(),
  presentedOrder: z.enum(["AB", "BA"]).nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  submittedAt: NullableTimestamp,
});
export type RatingView = z.output<typeof RatingView>;

/** details of the 409: the server's version and the one that was refused, for the rater to choose. */
export const RatingConflict = z.discriminatedUnion("reason", [
  z.object({ reason: z.literal("stale"), current: RatingView.nullable(), yours: SaveRatingRequest }),
  z.object({ reason: z.literal("final"), current: RatingView }),
]);
export type RatingConflict = z.output<typeof RatingConflict>;

export const SaveRatingResponse = z.object({ rating: RatingView });
