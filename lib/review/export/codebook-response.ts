// The HTTP side of the codebook (GET /api/export/codebook.json and .csv): the export's own
// query, logged like an export (it lists rater ids), then the codebook.
import type { NextRequest } from "next/server";
import { logAccess } from "../../auth/access-log";
import type { CurrentUser } from "../../auth/current-user";
import { parseQuery } from "../../http/parse-input";
import { buildCodebook, codebookCsv } from "./codebook";
import { ExportQuery } from "./export-ratings.types";

export async function codebookResponse(
  format: "json" | "csv",
  { request, user, route }: { request: NextRequest; user: CurrentUser; route: string },
): Promise<Response> {
  const query = parseQuery(ExportQuery, request.nextUrl);
  await logAccess({
    user,
    action: "export",
    resourceType: "export",
    resourceId: `codebook.${format}?queue=${query.queue ?? "all"}`,
    route,
    headers: request.headers,
  });
  const codebook = await buildCodebook(query);
  const scope = query.queue ? `queue-${query.queue.slice(0, 8)}` : "all";
  const body = format === "json" ? `${JSON.stringify(codebook, null, 2)}\n` : codebookCsv(codebook);
  return new Response(body, {
    headers: {
      "content-type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="codebook-${scope}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
