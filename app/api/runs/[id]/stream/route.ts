import { guardedRoute } from "@/lib/api/guard";
import { requireReadableRun } from "@/lib/runs/run-access";
import { SSE_HEADERS, lastEventId, runEventStream } from "@/lib/runs/run-stream";

export const dynamic = "force-dynamic";

/**
 * The run's output as Server-Sent Events (reasoning, answer, then done or error), replayed from
 * the start or resumed after Last-Event-ID / ?lastEventId=; live runs are followed to their end.
 */
export const GET = guardedRoute("GET /api/runs/[id]/stream", async ({ request, user, params, skipAccessLog }) => {
  const { id } = await requireReadableRun(params.id, user);
  const after = lastEventId(request);
  // A reconnect (or a page resuming) continues a view already logged.
  if (after.seq > 0) skipAccessLog();
  return new Response(runEventStream(id, after, request.signal), { headers: SSE_HEADERS });
});
