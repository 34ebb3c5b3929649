import { guardedRoute } from "@/lib/auth/guard";
import { ratingsExportResponse } from "@/lib/review/export/ratings-export-response";

export const dynamic = "force-dynamic";

const ROUTE = "GET /api/export/ratings.jsonl";

/** The ratings as JSON Lines, streamed; the same rows as the CSV. */
export const GET = guardedRoute(ROUTE, ({ request, user }) =>
  ratingsExportResponse("jsonl", { request, user, route: ROUTE }),
);
