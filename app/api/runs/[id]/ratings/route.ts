import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/parse-input";
import { listRunRatings } from "@/lib/review/list-run-ratings";
import { ListRunRatingsQuery, ListRunRatingsResponse } from "@/lib/review/run-ratings.types";
import { z } from "zod";

export const dynamic = "force-dynamic";

/** Ratings of a run under the blind rules: the caller's own, or (admins) everyone's. */
export const GET = guardedRoute<{ id: string }>("GET /api/runs/[id]/ratings", async ({ request, user, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new NotFoundError("Run");
  const query = parseQuery(ListRunRatingsQuery, request.nextUrl);
  const ratings = await listRunRatings({ user, runId: params.id, raterId: query.user, kind: query.kind });
  return NextResponse.json(ListRunRatingsResponse.parse({ ratings }));
});
