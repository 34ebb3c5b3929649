import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { getPatient } from "@/lib/ehr/queries/get-patient";
import { ForbiddenError } from "@/lib/http/errors";
import { eventWindowFor } from "@/lib/auth/blind-rules";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/patients/[id]", async ({ user, params }) => {
  const patient = await getPatient(params.id);
  // The whole record (discharge, later stays, death) would undo a blind review in progress.
  const blind = await eventWindowFor(user, patient.id);
  if (blind.visibleUntil) {
    throw new ForbiddenError("Blind review: open this patient from your review item until you have rated it.");
  }
  return NextResponse.json(patient);
});
