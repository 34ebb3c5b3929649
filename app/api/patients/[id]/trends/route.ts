import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { getTrends } from "@/lib/ehr/queries/get-trends";
import { requirePatient } from "@/lib/ehr/queries/require-patient";
import { assertEventRangeVisible, eventWindowFor } from "@/lib/auth/blind-rules";

export const dynamic = "force-dynamic";

/** Numeric labs and vitals, one series per test, downsampled to ?points= per series. */
export const GET = guardedRoute("GET /api/patients/[id]/trends", async ({ user, params, query }) => {
  const patientId = await requirePatient(params.id);
  // Blind review: a reviewer who still has to rate this patient sees nothing after the cut-off.
  assertEventRangeVisible(await eventWindowFor(user, patientId), { to: query.to });
  const trends = await getTrends(
    patientId,
    { from: query.from, to: query.to, categories: query.category, q: query.q },
    query.points,
  );
  return NextResponse.json(trends);
});
