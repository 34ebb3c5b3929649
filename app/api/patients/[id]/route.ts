import { NextResponse } from "next/server";
import { z } from "zod";
import { logAccess } from "@/lib/auth/access-log";
import { guardedRoute } from "@/lib/auth/guard";
import { getPatient } from "@/lib/ehr/queries/get-patient";
import { ForbiddenError, NotFoundError } from "@/lib/http/errors";
import { eventWindowFor } from "@/lib/review/blind-rules";

export const dynamic = "force-dynamic";

export const GET = guardedRoute<{ id: string }>("GET /api/patients/[id]", async ({ request, user, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new NotFoundError("Patient");
  const patient = await getPatient(params.id);
  // The whole record (discharge, later stays, death) would undo a blind review in progress.
  const blind = await eventWindowFor(user, patient.id);
  if (blind.visibleUntil) {
    throw new ForbiddenError("Blind review: open this patient from your review item until you have rated it.");
  }
  await logAccess({
    user,
    action: "view",
    resourceType: "patient",
    resourceId: patient.id,
    route: "GET /api/patients/[id]",
    headers: request.headers,
  });
  return NextResponse.json(patient);
});
