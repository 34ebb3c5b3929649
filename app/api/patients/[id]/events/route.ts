import { NextResponse } from "next/server";
import { logAccess } from "@/lib/auth/access-log";
import { guardedRoute } from "@/lib/auth/guard";
import { EventsQuery } from "@/lib/ehr/queries/event-query";
import { getEventSliceForQuery } from "@/lib/ehr/queries/get-event-slice";
import { assertPatientId, requirePatient } from "@/lib/ehr/queries/require-patient";
import { parseQuery } from "@/lib/http/parse-input";
import { assertEventRangeVisible, eventWindowFor } from "@/lib/review/blind-rules";

export const dynamic = "force-dynamic";

const ROUTE = "GET /api/patients/[id]/events";

/** Events of one patient in a window [from, to), keyset-paged; or binned counts (?bins=N). */
export const GET = guardedRoute<{ id: string }>(ROUTE, async ({ request, user, params }) => {
  const query = parseQuery(EventsQuery, request.nextUrl);
  // The page is read while the patient check and the blind-review window are (one round trip
  // instead of two on the API's hot path); it leaves only once both have passed, and is
  // dropped otherwise. requirePatient still turns a malformed id away before any read.
  assertPatientId(params.id);
  const page = getEventSliceForQuery(params.id, query);
  page.catch(() => undefined); // awaited below unless a check fails first
  // An unknown id has no queue items (an empty window), so requirePatient's 404 is the answer.
  const [patientId, window] = await Promise.all([requirePatient(params.id), eventWindowFor(user, params.id)]);
  // Blind review: a reviewer who still has to rate this patient sees nothing after the cut-off.
  assertEventRangeVisible(window, { to: query.to });
  const [slice] = await Promise.all([
    page,
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
