// The HTTP side of the ratings export, shared by the .csv and .jsonl routes: validate the
// query, write the access log entry (every export is logged before a byte leaves), stream.
import type { NextRequest } from "next/server";
import { logAccess } from "../../auth/access-log";
import type { CurrentUser } from "../../auth/current-user";
import { parseQuery } from "../../http/parse-input";
import { ExportQuery } from "./export-ratings.types";
import { streamRatingsExport, type ExportFormat } from "./stream-ratings-export";

export async function ratingsExportResponse(
  format: ExportFormat,
  { request, user, route }: { request: NextRequest; user: CurrentUser; route: string },
): Promise<Response> {
  const query = parseQuery(ExportQuery, request.nextUrl);
  const described = new URLSearchParams({
    queue: query.queue ?? "all",
    layout: query.layout,
    include: query.include,
    pseudonymize: String(query.pseudonymize),
  });
  await logAccess({
    user,
    action: "export",
    resourceType: "export",
    resourceId: `ratings.${format}?${described}`,
    route,
    headers: request.headers,
  });
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
