import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/http/errors";
import { generateQueueRuns } from "@/lib/review/generate-queue-runs";
import { GenerateQueueRunsResponse } from "@/lib/review/generate-queue-runs.types";

export const dynamic = "force-dynamic";

/** Starts the runs of every item that has none (idempotent); they finish in the background. */
export const POST = guardedRoute<{ id: string }>("POST /api/queues/[id]/runs", async ({ user, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new NotFoundError("Queue");
  const result = await generateQueueRuns({ queueId: params.id, user });
  return NextResponse.json(GenerateQueueRunsResponse.parse(result), { status: 202 });
});
