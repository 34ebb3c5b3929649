import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { getMyRating } from "@/lib/review/get-my-rating";
import { MyRatingResponse } from "@/lib/review/run-ratings.types";
import { saveRating } from "@/lib/review/save-rating";
import { SaveRatingResponse } from "@/lib/review/save-rating.types";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/runs/[id]/ratings/me", async ({ user, params, query }) => {
  const { kind } = query;
  const rating = await getMyRating({ userId: user.id, runId: params.id, kind });
  return NextResponse.json(MyRatingResponse.parse({ rating }));
});

/** Autosave or submit; 409 with both versions when `version` is stale. */
export const PUT = guardedRoute("PUT /api/runs/[id]/ratings/me", async ({ user, params, body }) => {
  const rating = await saveRating({ userId: user.id, runId: params.id, input: body });
  return NextResponse.json(SaveRatingResponse.parse({ rating }));
});
