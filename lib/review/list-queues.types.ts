// GET /api/queues: the queues the caller may see (admins: all; reviewers: their own), with
// item counts by status and the caller's own progress.
import { z } from "zod";
import { ReviewKind } from "./queue-config";

export const QueueCounts = z.object({
  items: z.number().int(),
  pending: z.number().int(),
  needsOthers: z.number().int(),
  complete: z.number().int(),
  /** Items whose run(s) are missing or still running: next() does not serve them yet. */
  awaitingRuns: z.number().int(),
  /** Items whose run failed or was cancelled. */
  failedRuns: z.number().int(),
});
export type QueueCounts = z.infer<typeof QueueCounts>;

export const QueueSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: ReviewKind,
  reviewersPerItem: z.number().int(),
  reservationMinutes: z.number().int().nullable(),
  hideAfterCutoff: z.boolean(),
  groundTruthAfterRating: z.boolean(),
  members: z.number().int(),
  createdAt: z.iso.datetime(),
  archivedAt: z.iso.datetime().nullable(),
  counts: QueueCounts,
  /** The caller's progress when they review in this queue. */
  mine: z.object({ submitted: z.number().int(), skipped: z.number().int(), remaining: z.number().int() }).nullable(),
});
export type QueueSummary = z.infer<typeof QueueSummary>;

export const ListQueuesResponse = z.object({ queues: z.array(QueueSummary) });

/** GET /api/queues?archived=include lists archived queues too (admins; a reviewer's stay hidden). */
export const ListQueuesQuery = z.object({ archived: z.enum(["exclude", "include"]).default("exclude") }).strict();
