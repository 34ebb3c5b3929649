import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { listPatients } from "@/lib/ehr/queries/list-patients";
import { parseQuery } from "@/lib/http/parse-input";

const Query = z.object({
  q: z.string().max(200).optional(),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/patients", async ({ request }) => {
  const query = parseQuery(Query, request.nextUrl);
  return NextResponse.json(await listPatients(query));
});
