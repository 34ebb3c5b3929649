import { NextResponse } from "next/server";
import { logAccess } from "@/lib/auth/access-log";
import { guardedRoute } from "@/lib/auth/guard";
import { getRunPrompt } from "@/lib/runs/get-run";
import { requireReadableRun } from "@/lib/runs/run-access";

export const dynamic = "force-dynamic";

const ROUTE = "GET /api/runs/[id]/prompt";

/** The exact messages a run sent (the record as the model saw it) and what the budget dropped. */
export const GET = guardedRoute<{ id: string }>(ROUTE, async ({ request, user, params }) => {
  const { id } = await requireReadableRun(params.id, user);
  const [prompt] = await Promise.all([
    getRunPrompt(id, user),
    logAccess({ user, action: "view", resourceType: "run", resourceId: id, route: ROUTE, headers: request.headers }),
  ]);
  return NextResponse.json(prompt);
});
