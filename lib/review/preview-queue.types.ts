// POST /api/queues/preview: what a selection of patients × tasks would make before the queue
// exists, so the form shows each unavailable pair's reason and the item count the server will
// create. Same selection as POST /api/queues; nothing is stored.
import { z } from "zod";
import { QueueSelection, SkippedItem } from "./create-queue.types";
import { ReviewKind } from "./queue-config";

export const PreviewQueueRequest = z.object({
  /** Pairwise selections also check backend B. */
  kind: ReviewKind.default("agreement"),
  selection: QueueSelection,
});
export type PreviewQueueRequest = z.infer<typeof PreviewQueueRequest>;

export const PreviewQueueResponse = z.object({
  /** Items the queue would have: the (patient, task) pairs that can anchor a run. */
  items: z.number().int(),
  /** Every other pair, with the server's reason, as POST /api/queues reports it. */
  skipped: z.array(SkippedItem),
});
export type PreviewQueueResponse = z.infer<typeof PreviewQueueResponse>;
