import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { getRunPrompt } from "@/lib/runs/get-run";
import { requireReadableRun } from "@/lib/runs/run-access";

export const dynamic = "force-dynamic";

/** The exact messages a run sent (the record as the model saw it) and what the budget dropped. */
export const GET = guardedRoute("GET /api/runs/[id]/prompt", async ({ user, params }) => {
  const { id } = await requireReadableRun(params.id, user);
  return NextResponse.json(await getRunPrompt(id, user));
});
