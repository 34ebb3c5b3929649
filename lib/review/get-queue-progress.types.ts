// GET /api/stats/progress?queue=: how far each queue is, and each of its reviewers.
import { z } from "zod";
import { QueueSummary } from "./list-queues.types";

export const ReviewerProgress = z.object({
  userId: z.string(),
  name: z.string(),
  roles: z.string(),
  submitted: z.number().int(),
  /** Items the reviewer declined (skip with a reason): missing ratings of theirs, by choice. */
  skipped: z.number().int(),
  /** Items held now (reservation live or without limit). */
  reserved: z.number().int(),
  /** Held items whose reservation ran out (their slot is free for others). */
  expired: z.number().int(),
  /** Ratings saved but not yet submitted. */
  drafts: z.number().int(),
  /** Median time spent on a submitted rating. */
  medianTimeMs: z.number().nullable(),
  lastActivity: z.iso.datetime().nullable(),
});
export type ReviewerProgress = z.infer<typeof ReviewerProgress>;

export const QueueProgress = z.object({ queue: QueueSummary, reviewers: z.array(ReviewerProgress) });
export type QueueProgress = z.infer<typeof QueueProgress>;

export const QueueProgressQuery = z.object({ queue: z.uuid().optional() });
export const QueueProgressResponse = z.object({ queues: z.array(QueueProgress) });
