import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { listRunRatings } from "@/lib/review/list-run-ratings";
import { ListRunRatingsResponse } from "@/lib/review/run-ratings.types";

export const dynamic = "force-dynamic";

/** Ratings of a run under the blind rules: the caller's own, or (admins) everyone's. */
export const GET = guardedRoute("GET /api/runs/[id]/ratings", async ({ user, params, query }) => {
  const ratings = await listRunRatings({ user, runId: params.id, raterId: query.user, kind: query.kind });
  return NextResponse.json(ListRunRatingsResponse.parse({ ratings }));
});
