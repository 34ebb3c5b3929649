import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { z } from "zod";
import { logAccess } from "@/lib/auth/access-log";
import { accessLogCsv, listAccessLog } from "@/lib/auth/access-log-query";
import { guardedRoute } from "@/lib/auth/guard";
import { QueryTime, parseQuery } from "@/lib/http/parse-input";

const Query = z.object({
  email: z.string().max(200).optional(),
  resourceType: z.string().max(50).optional(),
  resourceId: z.string().max(100).optional(),
  from: QueryTime.optional(),
  to: QueryTime.optional(),
  cursor: z.string().max(200).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/admin/access-log", async ({ request, user }) => {
  const { format, cursor, ...filter } = parseQuery(Query, request.nextUrl);
  if (format === "json") return NextResponse.json(await listAccessLog(filter, { cursor }));
  // Exporting the log is itself an access worth recording.
  await logAccess({ user, action: "export", resourceType: "access_log", headers: request.headers });
  const body = Readable.toWeb(accessLogCsv(filter)) as ReadableStream;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="access-log-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
});
