// POST /api/queues: a queue is its protocol (kind, scale or rubric, reviewers per item,
// reservation time, blind options), its reviewers and its items. Items come either listed
// (patient, task, cut-off, backend) or as a selection of patients × tasks whose cut-offs are
// suggested from each record, as the "New prediction" form suggests them.
import { z } from "zod";
import { QueueConfig, ReviewKind } from "./queue-config";

const Id = z.string().min(1).max(100);

/** A queue's guidelines: Markdown (rendered without raw HTML), at most about 20 pages. */
export const QueueGuidelines = z.string().max(50_000);

export const QueueItemInput = z.object({
  patientId: z.uuid(),
  taskKey: z.string().min(1).max(100),
  cutoff: z.iso.datetime({ offset: true }).transform((text) => new Date(text)),
  backendId: Id.optional(),
  /** Pairwise queues: the second run's backend. */
  backendBId: Id.optional(),
});
export type QueueItemInput = z.infer<typeof QueueItemInput>;

export const QueueSelection = z.object({
  patientIds: z.array(z.uuid()).min(1).max(2_000),
  taskKeys: z.array(z.string().min(1).max(100)).min(1).max(50),
  backendId: Id.optional(),
  backendBId: Id.optional(),
});
export type QueueSelection = z.infer<typeof QueueSelection>;

export const CreateQueueRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: ReviewKind,
    config: QueueConfig.default(QueueConfig.parse({})),
    reviewersPerItem: z.number().int().min(1).max(20).default(1),
    /** Minutes a reviewer holds an item taken with next(); null: until they submit. */
    reservationMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .nullable()
      .default(null),
    hideAfterCutoff: z.boolean().default(false),
    groundTruthAfterRating: z.boolean().default(true),
    /** Instructions to reviewers, as Markdown, shown beside every item. */
    guidelines: QueueGuidelines.default(""),
    memberIds: z.array(Id).min(1).max(500),
    items: z.array(QueueItemInput).max(10_000).optional(),
    selection: QueueSelection.optional(),
  })
  .refine((queue) => Boolean(queue.items?.length) !== Boolean(queue.selection), {
    message: "give either items or a selection",
    path: ["items"],
  });
export type CreateQueueRequest = z.infer<typeof CreateQueueRequest>;

export const SkippedItem = z.object({ patientId: z.string(), taskKey: z.string(), reason: z.string() });
export type SkippedItem = z.infer<typeof SkippedItem>;

export const CreateQueueResponse = z.object({
  queue: z.object({ id: z.string(), name: z.string(), items: z.number().int() }),
  skipped: z.array(SkippedItem),
});
export type CreateQueueResponse = z.infer<typeof CreateQueueResponse>;
