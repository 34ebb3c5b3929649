import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { generateQueueRuns } from "@/lib/review/generate-queue-runs";
import { GenerateQueueRunsResponse } from "@/lib/review/generate-queue-runs.types";

export const dynamic = "force-dynamic";

/** Starts the runs of every item that has none (idempotent); they finish in the background. */
export const POST = guardedRoute("POST /api/queues/[id]/runs", async ({ user, params }) => {
  const result = await generateQueueRuns({ queueId: params.id, user });
  return NextResponse.json(GenerateQueueRunsResponse.parse(result), { status: 202 });
});
