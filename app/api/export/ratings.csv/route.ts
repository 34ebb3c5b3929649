import { guardedRoute } from "@/lib/auth/guard";
import { ratingsExportResponse } from "@/lib/review/export/ratings-export-response";

export const dynamic = "force-dynamic";

const ROUTE = "GET /api/export/ratings.csv";

/** Tidy (or ?layout=wide) CSV of the ratings, streamed; see README "Exporting ratings". */
export const GET = guardedRoute(ROUTE, ({ request, user }) =>
  ratingsExportResponse("csv", { request, user, route: ROUTE }),
);
