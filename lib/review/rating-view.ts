// A stored rating as the API shows it: JSON columns read through their schemas, times as ISO.
import type { Rating } from "../generated/prisma/client";
import { RatingView } from "./save-rating.types";

export function ratingView(row: Rating): RatingView {
  return RatingView.parse(row);
}
