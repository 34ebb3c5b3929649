import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { requirePatient } from "@/lib/ehr/queries/require-patient";
import { parseQuery } from "@/lib/http/parse-input";
import { listTaskOptions } from "@/lib/runs/task-options";

export const dynamic = "force-dynamic";

const Query = z.object({ patientId: z.string().max(100).optional() });

/**
 * The EHR-Bench tasks, each with whether it can run (and why not). With ?patientId= the
 * availability is that patient's, plus their admissions with a suggested cut-off per task.
 */
export const GET = guardedRoute("GET /api/tasks", async ({ request }) => {
  const { patientId } = parseQuery(Query, request.nextUrl);
  return NextResponse.json(await listTaskOptions(patientId ? await requirePatient(patientId) : undefined));
});
