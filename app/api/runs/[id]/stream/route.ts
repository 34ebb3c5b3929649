import { logAccess } from "@/lib/auth/access-log";
import { guardedRoute } from "@/lib/auth/guard";
import { requireReadableRun } from "@/lib/runs/run-access";
import { SSE_HEADERS, lastEventId, runEventStream } from "@/lib/runs/run-stream";

export const dynamic = "force-dynamic";

const ROUTE = "GET /api/runs/[id]/stream";

/**
 * The run's output as Server-Sent Events (reasoning, answer, then done or error), replayed from
 * the start or resumed after Last-Event-ID / ?lastEventId=; live runs are followed to their end.
 */
export const GET = guardedRoute<{ id: string }>(ROUTE, async ({ request, user, params }) => {
  const { id } = await requireReadableRun(params.id, user);
  const after = lastEventId(request);
  // A reconnect (or a page resuming) continues a view already logged.
  if (after.seq === 0) {
    await logAccess({
      user,
      action: "view",
      resourceType: "run",
      resourceId: id,
      route: ROUTE,
      headers: request.headers,
    });
  }
  return new Response(runEventStream(id, after, request.signal), { headers: SSE_HEADERS });
});
