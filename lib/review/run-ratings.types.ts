// GET /api/runs/:id/ratings and GET /api/runs/:id/ratings/me.
import { z } from "zod";
import { ReviewKind } from "./queue-config";
import { RatingView } from "./save-rating.types";

export const ListRunRatingsQuery = z.object({
  /** Admins only (anyone else asking for another rater gets 403). */
  user: z.string().min(1).max(100).optional(),
  kind: ReviewKind.optional(),
});

export const ListRunRatingsResponse = z.object({ ratings: z.array(RatingView) });

export const MyRatingQuery = z.object({ kind: ReviewKind.default("agreement") });

export const MyRatingResponse = z.object({ rating: RatingView.nullable() });
