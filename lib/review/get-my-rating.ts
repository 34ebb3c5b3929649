// The caller's own rating of a run, or null: what the review page starts from.
import "server-only";
import { db } from "../db";
import type { ReviewKind } from "./queue-config";
import { ratingView } from "./rating-view";
import type { RatingView } from "./save-rating.types";

export async function getMyRating({
  userId,
  runId,
  kind,
}: {
  userId: string;
  runId: string;
  kind: ReviewKind;
}): Promise<RatingView | null> {
  const row = await db.rating.findUnique({ where: { runId_userId_kind: { runId, userId, kind } } });
  return row ? ratingView(row) : null;
}
