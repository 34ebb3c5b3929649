import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { getRun } from "@/lib/runs/get-run";
import { requireReadableRun } from "@/lib/runs/run-access";

export const dynamic = "force-dynamic";

/** One run: status, reasoning and steps, items, evidence, timings; ground truth if allowed. */
export const GET = guardedRoute("GET /api/runs/[id]", async ({ user, params }) => {
  const { id } = await requireReadableRun(params.id, user);
  return NextResponse.json(await getRun(id, user));
});
