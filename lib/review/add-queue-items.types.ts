// POST /api/queues/:id/items: more items for an existing queue, with the same inputs as
// creating one (listed items, or patients × tasks whose cut-offs come from each record).
import { z } from "zod";
import { QueueItemInput, QueueSelection, SkippedItem } from "./create-queue.types";

export const AddQueueItemsRequest = z
  .object({
    items: z.array(QueueItemInput).max(10_000).optional(),
    selection: QueueSelection.optional(),
  })
  .refine((request) => Boolean(request.items?.length) !== Boolean(request.selection), {
    message: "give either items or a selection",
    path: ["items"],
  });
export type AddQueueItemsRequest = z.infer<typeof AddQueueItemsRequest>;

export const AddQueueItemsResponse = z.object({
  /** How many items were added, and the queue's item count after. */
  added: z.number().int(),
  items: z.number().int(),
  skipped: z.array(SkippedItem),
});
export type AddQueueItemsResponse = z.infer<typeof AddQueueItemsResponse>;
