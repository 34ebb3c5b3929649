import { NextResponse } from "next/server";
import { logAccess } from "@/lib/auth/access-log";
import { guardedRoute } from "@/lib/auth/guard";
import { retryRun } from "@/lib/runs/retry-run";

export const dynamic = "force-dynamic";

const ROUTE = "POST /api/runs/[id]/retry";

/** A new run of the same input, naming this one as its original. → 201 {id}. */
export const POST = guardedRoute<{ id: string }>(ROUTE, async ({ request, user, params }) => {
  const run = await retryRun(params.id, user);
  await logAccess({
    user,
    action: "create",
    resourceType: "run",
    resourceId: run.id,
    route: ROUTE,
    headers: request.headers,
  });
  return NextResponse.json(run, { status: 201 });
});
