import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { accessLogCsv, listAccessLog } from "@/lib/auth/access-log-query";
import { guardedRoute } from "@/lib/api/guard";

export const dynamic = "force-dynamic";

// format=csv is logged as an export (lib/api/routes.ts).
export const GET = guardedRoute("GET /api/admin/access-log", async ({ query }) => {
  const { format, cursor, ...filter } = query;
  if (format === "json") return NextResponse.json(await listAccessLog(filter, { cursor }));
  const body = Readable.toWeb(accessLogCsv(filter)) as ReadableStream;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="access-log-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
});
