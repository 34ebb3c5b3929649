import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { updateQueue } from "@/lib/review/update-queue";
import { UpdateQueueResponse } from "@/lib/review/update-queue.types";

export const dynamic = "force-dynamic";

/** The study lead edits a queue (name, guidelines, reviewers, reviewers per item) or archives it. */
export const PATCH = guardedRoute("PATCH /api/queues/[id]", async ({ params, body }) => {
  return NextResponse.json(UpdateQueueResponse.parse(await updateQueue({ queueId: params.id, input: body })));
});
