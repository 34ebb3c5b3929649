import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { PATIENT_SORTS, listPatients } from "@/lib/ehr/queries/list-patients";
import { parseQuery } from "@/lib/http/parse-input";

const Query = z.object({
  q: z.string().max(200).optional(),
  source: z.string().max(50).optional(),
  hasRuns: z.enum(["true", "false"]).optional(),
  assigned: z.literal("me").optional(),
  sort: z.enum(PATIENT_SORTS).optional(),
  order: z.enum(["asc", "desc"]).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/patients", async ({ request, user }) => {
  const { hasRuns, assigned, ...query } = parseQuery(Query, request.nextUrl);
  return NextResponse.json(
    await listPatients({
      ...query,
      hasRuns: hasRuns === undefined ? undefined : hasRuns === "true",
      assignedOnly: assigned === "me",
      viewerId: user.id,
    }),
  );
});
