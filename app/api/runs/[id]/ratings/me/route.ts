import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/http/errors";
import { parseBody, parseQuery } from "@/lib/http/parse-input";
import { getMyRating } from "@/lib/review/get-my-rating";
import { MyRatingQuery, MyRatingResponse } from "@/lib/review/run-ratings.types";
import { saveRating } from "@/lib/review/save-rating";
import { SaveRatingRequest, SaveRatingResponse } from "@/lib/review/save-rating.types";

export const dynamic = "force-dynamic";

function runIdOf(params: { id: string }): string {
  if (!z.uuid().safeParse(params.id).success) throw new NotFoundError("Run");
  return params.id;
}

export const GET = guardedRoute<{ id: string }>("GET /api/runs/[id]/ratings/me", async ({ request, user, params }) => {
  const { kind } = parseQuery(MyRatingQuery, request.nextUrl);
  const rating = await getMyRating({ userId: user.id, runId: runIdOf(params), kind });
  return NextResponse.json(MyRatingResponse.parse({ rating }));
});

/** Autosave or submit; 409 with both versions when `version` is stale. */
export const PUT = guardedRoute<{ id: string }>("PUT /api/runs/[id]/ratings/me", async ({ request, user, params }) => {
  const runId = runIdOf(params);
  const input = await parseBody(SaveRatingRequest, request);
  const rating = await saveRating({ userId: user.id, runId, input });
  return NextResponse.json(SaveRatingResponse.parse({ rating }));
});
