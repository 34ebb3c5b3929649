// GET /api/queues/:id/next: the item the caller should rate now, reserved for them.
import { z } from "zod";

export const NextItem = z.object({
  queueItemId: z.string(),
  runId: z.string(),
  runBId: z.string().nullable(),
  /** Null when the queue reserves without a time limit. */
  reservedUntil: z.iso.datetime().nullable(),
  /** The caller already held this item (a reload, a second tab): same item again. */
  isResumed: z.boolean(),
});
export type NextItem = z.infer<typeof NextItem>;

export const NextItemResponse = z.object({
  item: NextItem.nullable(),
  /** Items the caller has not submitted and that still need reviewers (the held one included). */
  remaining: z.number().int(),
});
export type NextItemResponse = z.infer<typeof NextItemResponse>;
