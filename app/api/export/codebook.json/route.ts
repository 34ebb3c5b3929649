import { guardedRoute } from "@/lib/auth/guard";
import { codebookResponse } from "@/lib/review/export/codebook-response";

export const dynamic = "force-dynamic";

const ROUTE = "GET /api/export/codebook.json";

/** The ratings export's codebook; takes the export's query (see README "Exporting ratings"). */
export const GET = guardedRoute(ROUTE, ({ request, user }) =>
  codebookResponse("json", { request, user, route: ROUTE }),
);
