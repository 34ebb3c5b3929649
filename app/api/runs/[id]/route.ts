import { NextResponse } from "next/server";
import { logAccess } from "@/lib/auth/access-log";
import { guardedRoute } from "@/lib/auth/guard";
import { getRun } from "@/lib/runs/get-run";
import { requireReadableRun } from "@/lib/runs/run-access";

export const dynamic = "force-dynamic";

const ROUTE = "GET /api/runs/[id]";

/** One run: status, reasoning and steps, items, evidence, timings; ground truth if allowed. */
export const GET = guardedRoute<{ id: string }>(ROUTE, async ({ request, user, params }) => {
  const { id } = await requireReadableRun(params.id, user);
  const [run] = await Promise.all([
    getRun(id, user),
    logAccess({ user, action: "view", resourceType: "run", resourceId: id, route: ROUTE, headers: request.headers }),
  ]);
  return NextResponse.json(run);
});
