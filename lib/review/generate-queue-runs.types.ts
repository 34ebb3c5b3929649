// POST /api/queues/:id/runs: start the runs of every queue item that has none yet.
import { z } from "zod";

export const GenerateQueueRunsResponse = z.object({
  /** Runs started now (they finish in the background; next() serves an item once its runs are done). */
  started: z.number().int(),
  /**
   * Runs the items already had (started by an earlier or a concurrent call, which this one
   * waited for): a second click starts nothing and says why.
   */
  alreadyStarted: z.number().int(),
  failed: z.array(z.object({ queueItemId: z.string(), reason: z.string() })),
});
export type GenerateQueueRunsResponse = z.infer<typeof GenerateQueueRunsResponse>;
