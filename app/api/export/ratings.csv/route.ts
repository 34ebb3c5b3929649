import { guardedRoute } from "@/lib/api/guard";
import { ratingsExportResponse } from "@/lib/review/export/ratings-export-response";

export const dynamic = "force-dynamic";

/** Tidy (or ?layout=wide) CSV of the ratings, streamed; see docs/reviews.md, "Exporting ratings". */
export const GET = guardedRoute("GET /api/export/ratings.csv", ({ query }) => ratingsExportResponse("csv", query));
