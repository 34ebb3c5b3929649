// PATCH /api/queues/:id: the study lead changes a running queue. Only what is sent changes.
// The protocol that ratings were made under (kind, scale or rubric, blind options) is not
// editable: ratings already submitted would no longer mean what the codebook says.
import { z } from "zod";
import { QueueGuidelines } from "./create-queue.types";

const Id = z.string().min(1).max(100);

export const UpdateQueueRequest = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    guidelines: QueueGuidelines.optional(),
    reviewersPerItem: z.number().int().min(1).max(20).optional(),
    /** The queue's reviewers after the change (the whole list, not a difference). */
    memberIds: z.array(Id).min(1).max(500).optional(),
    /** true archives (hidden from the Review page, next() serves nothing), false reopens. */
    archived: z.boolean().optional(),
  })
  .strict()
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: "change at least one of name, guidelines, reviewersPerItem, memberIds, archived",
  });
export type UpdateQueueRequest = z.infer<typeof UpdateQueueRequest>;

export const UpdateQueueResponse = z.object({
  queue: z.object({
    id: z.string(),
    name: z.string(),
    guidelines: z.string(),
    reviewersPerItem: z.number().int(),
    archivedAt: z.iso.datetime().nullable(),
    memberIds: z.array(z.string()),
  }),
  /** What the change did beyond the fields themselves, in numbers and in words for the UI. */
  effects: z.object({
    membersAdded: z.array(z.string()),
    membersRemoved: z.array(z.string()),
    /** Items removed members held (reserved, not submitted): released back to the pool. */
    releasedAssignments: z.number().int(),
    /** Items whose status changed with reviewersPerItem (e.g. complete once fewer raters are needed). */
    itemsRestatused: z.number().int(),
    messages: z.array(z.string()),
  }),
});
export type UpdateQueueResponse = z.infer<typeof UpdateQueueResponse>;
