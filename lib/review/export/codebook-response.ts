// The HTTP side of the codebook (GET /api/export/codebook.json and .csv): the export's own
// query (validated by the guard, which logs the call like an export: it lists rater ids;
// lib/api/routes.ts), then the codebook.
import { buildCodebook, codebookCsv } from "./codebook";
import type { ExportQuery } from "./export-ratings.types";

export async function codebookResponse(format: "json" | "csv", query: ExportQuery): Promise<Response> {
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
