import { NextResponse } from "next/server";
import { logAccess } from "@/lib/auth/access-log";
import { guardedRoute } from "@/lib/auth/guard";
import { EventsQuery } from "@/lib/ehr/queries/event-query";
import { getEventSlice } from "@/lib/ehr/queries/get-event-slice";
import { requirePatient } from "@/lib/ehr/queries/require-patient";
import { parseQuery } from "@/lib/http/parse-input";
import { assertEventRangeVisible, eventWindowFor } from "@/lib/review/blind-rules";

export const dynamic = "force-dynamic";

const ROUTE = "GET /api/patients/[id]/events";

/** Events of one patient in a window [from, to), keyset-paged; or binned counts (?bins=N). */
export const GET = guardedRoute<{ id: string }>(ROUTE, async ({ request, user, params }) => {
  // The patient check and the blind-review window are independent reads: one round trip.
  // An unknown id has no queue items (an empty window), so requirePatient's 404 is the answer.
  const [patientId, window] = await Promise.all([requirePatient(params.id), eventWindowFor(user, params.id)]);
  const query = parseQuery(EventsQuery, request.nextUrl);
  // Blind review: a reviewer who still has to rate this patient sees nothing after the cut-off.
  assertEventRangeVisible(window, { to: query.to });
  const [slice] = await Promise.all([
    getEventSlice(
      patientId,
      { from: query.from, to: query.to, categories: query.category, q: query.q },
      { cursor: query.cursor, limit: query.limit, detail: query.detail, binCount: query.bins },
    ),
    logAccess({
      user,
      action: "view",
      resourceType: "patient",
      resourceId: patientId,
      route: ROUTE,
      headers: request.headers,
    }),
  ]);
  return NextResponse.json(slice);
});
