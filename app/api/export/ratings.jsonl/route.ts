import { guardedRoute } from "@/lib/api/guard";
import { ratingsExportResponse } from "@/lib/review/export/ratings-export-response";

export const dynamic = "force-dynamic";

/** The ratings as JSON Lines, streamed; the same rows as the CSV. */
export const GET = guardedRoute("GET /api/export/ratings.jsonl", ({ query }) => ratingsExportResponse("jsonl", query));
