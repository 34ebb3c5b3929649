import { guardedRoute } from "@/lib/api/guard";
import { codebookResponse } from "@/lib/review/export/codebook-response";

export const dynamic = "force-dynamic";

/** The ratings export's codebook; takes the export's query (see docs/reviews.md, "Exporting ratings"). */
export const GET = guardedRoute("GET /api/export/codebook.json", ({ query }) => codebookResponse("json", query));
