import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { requirePatient } from "@/lib/ehr/queries/require-patient";
import { listTaskOptions } from "@/lib/runs/task-options";

export const dynamic = "force-dynamic";

/**
 * The EHR-Bench tasks, each with whether it can run (and why not). With ?patientId= the
 * availability is that patient's, plus their admissions with a suggested cut-off per task.
 */
export const GET = guardedRoute("GET /api/tasks", async ({ query: { patientId } }) =>
  NextResponse.json(await listTaskOptions(patientId ? await requirePatient(patientId) : undefined)),
);
