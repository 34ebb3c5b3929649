// POST /api/queues/:id/items/:itemId/skip: a reviewer declines an item they hold, with a
// reason. Stored on their assignment (status skipped, skipReason, skipNote, skippedAt).
import { z } from "zod";

export const SKIP_REASONS = ["cannot_assess", "not_my_specialty", "other"] as const;
export const SkipReason = z.enum(SKIP_REASONS);
export type SkipReason = z.infer<typeof SkipReason>;

export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  cannot_assess: "Cannot assess from this record",
  not_my_specialty: "Not my specialty",
  other: "Other",
};

export const SkipRequest = z
  .object({ reason: SkipReason, note: z.string().trim().max(2_000).default("") })
  .refine((skip) => skip.reason !== "other" || skip.note.length > 0, {
    message: "say why when the reason is other",
    path: ["note"],
  });
export type SkipRequest = z.infer<typeof SkipRequest>;

export const SkipView = z.object({ reason: SkipReason, note: z.string(), skippedAt: z.iso.datetime() });
export type SkipView = z.infer<typeof SkipView>;

export const SkipResponse = z.object({ skip: SkipView });
