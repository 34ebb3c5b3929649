import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { getEventSliceForQuery } from "@/lib/ehr/queries/get-event-slice";
import { requirePatient } from "@/lib/ehr/queries/require-patient";
import { assertEventRangeVisible, eventWindowFor } from "@/lib/auth/blind-rules";

export const dynamic = "force-dynamic";

/** Events of one patient in a window [from, to), keyset-paged; or binned counts (?bins=N). */
export const GET = guardedRoute("GET /api/patients/[id]/events", async ({ user, params, query }) => {
  // The page is read while the patient check and the blind-review window are (one round trip
  // instead of two on the API's hot path); it leaves only once both have passed, and is
  // dropped otherwise. The guard has turned a malformed id away before any read.
  const page = getEventSliceForQuery(params.id, query);
  page.catch(() => undefined); // awaited below unless a check fails first
  // An unknown id has no queue items (an empty window), so requirePatient's 404 is the answer.
  const [, window] = await Promise.all([requirePatient(params.id), eventWindowFor(user, params.id)]);
  // Blind review: a reviewer who still has to rate this patient sees nothing after the cut-off.
  assertEventRangeVisible(window, { to: query.to });
  return NextResponse.json(await page);
});
