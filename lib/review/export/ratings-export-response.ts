// The HTTP side of the ratings export, shared by the .csv and .jsonl routes: the stream and
// its headers. The guard has validated the query and writes the access log entry before a
// byte leaves (every export is logged; lib/api/routes.ts).
import type { ExportQuery } from "./export-ratings.types";
import { streamRatingsExport, type ExportFormat } from "./stream-ratings-export";

export async function ratingsExportResponse(format: ExportFormat, query: ExportQuery): Promise<Response> {
  const result = await streamRatingsExport(format, query);
  return new Response(result.stream, {
    headers: {
      "content-type": result.contentType,
      "content-disposition": `attachment; filename="${result.filename}"`,
      // no-transform: Next would otherwise gzip the stream on the fly, in the app's one
      // process, at a fraction of the speed PostgreSQL produces it and at the expense of
      // every other request.
      "cache-control": "no-store, no-transform",
    },
  });
}
