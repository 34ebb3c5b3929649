import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/http/errors";
import { parseBody } from "@/lib/http/parse-input";
import { updateQueue } from "@/lib/review/update-queue";
import { UpdateQueueRequest, UpdateQueueResponse } from "@/lib/review/update-queue.types";

export const dynamic = "force-dynamic";

/** The study lead edits a queue (name, guidelines, reviewers, reviewers per item) or archives it. */
export const PATCH = guardedRoute<{ id: string }>("PATCH /api/queues/[id]", async ({ request, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new NotFoundError("Queue");
  const input = await parseBody(UpdateQueueRequest, request);
  return NextResponse.json(UpdateQueueResponse.parse(await updateQueue({ queueId: params.id, input })));
});
