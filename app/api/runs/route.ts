import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { parseBody, parseQuery } from "@/lib/http/parse-input";
import { createRun } from "@/lib/runs/create-run";
import { RUN_STATUSES, listRuns } from "@/lib/runs/list-runs";
import { SSE_HEADERS, runEventStream } from "@/lib/runs/run-stream";
import { START } from "@/lib/runs/stream-position";

export const dynamic = "force-dynamic";

const Query = z.object({
  patient: z.string().max(100).optional(),
  task: z.string().max(100).optional(),
  backend: z.string().max(100).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  batch: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Runs, newest first: ?patient= (id or subject id) &task= &backend= &status= &batch= &cursor=. */
export const GET = guardedRoute("GET /api/runs", async ({ request, user }) => {
  const query = parseQuery(Query, request.nextUrl);
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

const Body = z.object({
  patientId: z.uuid(),
  taskKey: z.string().min(1).max(100),
  cutoff: z.iso.datetime({ offset: true, local: false }).transform((value) => new Date(value)),
  backendId: z.string().min(1).max(100).optional(),
});

/**
 * Starts a run; it executes on the server whether or not the caller stays. → 201 {id}, or with
 * `Accept: text/event-stream` 201 and the run's output as GET /api/runs/:id/stream serves it
 * (its id in Location and X-Run-Id): one request, as a model server's own streaming API, so a
 * script's reader is attached before the run asks the model. Leaving early cancels nothing.
 */
export const POST = guardedRoute("POST /api/runs", async ({ request, user }) => {
  const input = await parseBody(Body, request);
  // The access log's `create` is written with the run (one transaction): the answer goes as soon
  // as the run is stored, and a worker elsewhere, which may take the run the moment it is
  // committed, never streams its first token to a reader whose answer still waits for the log.
  const run = await createRun(input, user, { action: "create", route: "POST /api/runs", headers: request.headers });
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
