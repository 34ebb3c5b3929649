// "Flag for the study lead": a reviewer's note on the item they are on ("record seems
// truncated"). Not a rating and not a skip: the item stays theirs to rate or skip.
// POST /api/queues/:id/items/:itemId/flags (reviewer) · PATCH /api/queues/:id/flags/:flagId (admin).
import { z } from "zod";

export const FlagRequest = z.object({ note: z.string().trim().min(1, "say what is wrong").max(2_000) });
export type FlagRequest = z.infer<typeof FlagRequest>;

export const ResolveFlagRequest = z.object({ resolved: z.boolean() }).strict();
export type ResolveFlagRequest = z.infer<typeof ResolveFlagRequest>;

/** A flag as the reviewer who raised it sees it. */
export const OwnFlagView = z.object({
  id: z.string(),
  note: z.string(),
  createdAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
});
export type OwnFlagView = z.infer<typeof OwnFlagView>;

/** A flag as the study lead sees it: who, when, on which item, resolved by whom. */
export const QueueFlagView = OwnFlagView.extend({
  queueItemId: z.string(),
  /** The item's number as the queue page shows it, from 1. */
  itemPosition: z.number().int(),
  raterName: z.string(),
  resolvedByName: z.string().nullable(),
});
export type QueueFlagView = z.infer<typeof QueueFlagView>;

export const FlagResponse = z.object({ flag: OwnFlagView });
export const ResolveFlagResponse = z.object({ flag: QueueFlagView });
