import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { createRun } from "@/lib/runs/create-run";
import { listRuns } from "@/lib/runs/list-runs";
import { SSE_HEADERS, runEventStream } from "@/lib/runs/run-stream";
import { START } from "@/lib/runs/stream-position";

export const dynamic = "force-dynamic";

/** Runs, newest first: ?patient= (id or subject id) &task= &backend= &status= &batch= &cursor=. */
export const GET = guardedRoute("GET /api/runs", async ({ user, query }) => {
  return NextResponse.json(
    await listRuns(user, {
      patient: query.patient,
      taskKey: query.task,
      backendId: query.backend,
      status: query.status,
      batchId: query.batch,
      cursor: query.cursor,
      limit: query.limit,
    }),
  );
});

/**
 * Starts a run; it executes on the server whether or not the caller stays. → 201 {id}, or with
 * `Accept: text/event-stream` 201 and the run's output as GET /api/runs/:id/stream serves it
 * (its id in Location and X-Run-Id): one request, as a model server's own streaming API, so a
 * script's reader is attached before the run asks the model. Leaving early cancels nothing.
 */
export const POST = guardedRoute("POST /api/runs", async ({ request, user, body, skipAccessLog }) => {
  // The access log's `create` is written with the run (one transaction), not by the guard after
  // it: a worker elsewhere may take the run the moment it is committed, and at a hundred runs
  // started at once a third of the readers got their stream (and the first token, already
  // written) only after that second write, waiting for a busy pool, hundreds of ms on.
  const run = await createRun(body, user, { action: "create", route: "POST /api/runs", headers: request.headers });
  skipAccessLog();
  if (wantsEventStream(request)) {
    return new Response(runEventStream(run.id, START, request.signal, true), {
      status: 201,
      headers: { ...SSE_HEADERS, location: `/api/runs/${run.id}`, "x-run-id": run.id },
    });
  }
  return NextResponse.json(run, { status: 201 });
});

function wantsEventStream(request: Request): boolean {
  return (request.headers.get("accept") ?? "").split(",").some((type) => type.trim().startsWith("text/event-stream"));
}
