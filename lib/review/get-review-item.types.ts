// What the review page of one queue item receives: the protocol, the blinded run(s), the
// caller's own rating and, when the protocol allows, the ground truth. Built on the server
// and handed to the client components as plain JSON.
import { z } from "zod";
import { QueueConfig, ReviewKind } from "./queue-config";
import { RatingView } from "./save-rating.types";
import { OwnFlagView } from "./queue-flags.types";
import { SkipView } from "./skip-queue-item.types";

export const ReviewStep = z.object({ id: z.string(), section: z.string(), text: z.string() });
export type ReviewStep = z.infer<typeof ReviewStep>;

export const ReviewRun = z.object({
  /** The run's identity in the item: A = the item's runId, B = its runBId (pairwise). */
  slot: z.enum(["A", "B"]),
  runId: z.string(),
  status: z.string(),
  error: z.string().nullable(),
  steps: z.array(ReviewStep),
  answer: z.string(),
  items: z.array(z.object({ rank: z.number().int(), label: z.string(), probability: z.number().nullable() })),
  /** The model's name; null while the reviewer is blind to it. */
  modelLabel: z.string().nullable(),
});
export type ReviewRun = z.infer<typeof ReviewRun>;

export const GroundTruthView = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("items"), items: z.array(z.string()), evidence: z.string() }),
  z.object({ kind: z.literal("yes_no"), answer: z.enum(["yes", "no"]), evidence: z.string() }),
  z.object({ kind: z.literal("unknown"), reason: z.string() }),
]);
export type GroundTruthView = z.infer<typeof GroundTruthView>;

/** Where a queue item sits: its place in the queue, and the reviewer's own items around it. */
export const ReviewNavigation = z.object({
  /** The item's place in the queue's order, from 1 ("Item 7 of 40"). */
  position: z.number().int(),
  total: z.number().int(),
  /** The reviewer's own items (held or submitted) before and after this one, in queue order. */
  previousId: z.string().nullable(),
  nextId: z.string().nullable(),
  /** This item's place among the reviewer's own items (0 when it is not theirs any more). */
  mineIndex: z.number().int(),
  mineCount: z.number().int(),
});
export type ReviewNavigation = z.infer<typeof ReviewNavigation>;

export const ReviewItem = z.object({
  kind: ReviewKind,
  config: QueueConfig,
  /** Null when a run is reviewed outside any queue. */
  queue: z
    .object({
      id: z.string(),
      name: z.string(),
      hideAfterCutoff: z.boolean(),
      groundTruthAfterRating: z.boolean(),
      /** The study lead's guidelines, Markdown ("" when none). */
      guidelines: z.string(),
    })
    .nullable(),
  queueItemId: z.string().nullable(),
  patient: z.object({
    id: z.string(),
    externalId: z.string(),
    source: z.string(),
    gender: z.string().nullable(),
    age: z.number().int().nullable(),
  }),
  task: z.object({ key: z.string(), title: z.string(), answerType: z.string(), instruction: z.string() }),
  cutoff: z.iso.datetime(),
  /** In display order: for pairwise, left then right as this rater sees them. */
  runs: z.array(ReviewRun).min(1).max(2),
  rating: RatingView.nullable(),
  /** Null unless the protocol lets this rater see it now. */
  groundTruth: GroundTruthView.nullable(),
  /** True when the ground truth exists but waits for the rater's submission. */
  isGroundTruthWithheld: z.boolean(),
  /** A submitted rating that can no longer change (ground truth already shown). */
  isFinal: z.boolean(),
  /** Null outside queues. */
  navigation: ReviewNavigation.nullable(),
  /** The reviewer's skip of this item, when they skipped it. */
  skip: SkipView.nullable(),
  /** The flags this reviewer raised on this item for the study lead (empty outside queues). */
  flags: z.array(OwnFlagView),
});
export type ReviewItem = z.infer<typeof ReviewItem>;
