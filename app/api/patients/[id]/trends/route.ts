import { NextResponse } from "next/server";
import { logAccess } from "@/lib/auth/access-log";
import { guardedRoute } from "@/lib/auth/guard";
import { TrendsQuery } from "@/lib/ehr/queries/event-query";
import { getTrends } from "@/lib/ehr/queries/get-trends";
import { requirePatient } from "@/lib/ehr/queries/require-patient";
import { parseQuery } from "@/lib/http/parse-input";
import { assertEventRangeVisible, eventWindowFor } from "@/lib/review/blind-rules";

export const dynamic = "force-dynamic";

const ROUTE = "GET /api/patients/[id]/trends";

/** Numeric labs and vitals, one series per test, downsampled to ?points= per series. */
export const GET = guardedRoute<{ id: string }>(ROUTE, async ({ request, user, params }) => {
  const patientId = await requirePatient(params.id);
  const query = parseQuery(TrendsQuery, request.nextUrl);
  // Blind review: a reviewer who still has to rate this patient sees nothing after the cut-off.
  assertEventRangeVisible(await eventWindowFor(user, patientId), { to: query.to });
  const [trends] = await Promise.all([
    getTrends(patientId, { from: query.from, to: query.to, categories: query.category, q: query.q }, query.points),
    logAccess({
      user,
      action: "view",
      resourceType: "patient",
      resourceId: patientId,
      route: ROUTE,
      headers: request.headers,
    }),
  ]);
  return NextResponse.json(trends);
});
