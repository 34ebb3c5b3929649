import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/http/errors";
import { parseBody } from "@/lib/http/parse-input";
import { addQueueItems } from "@/lib/review/add-queue-items";
import { AddQueueItemsRequest, AddQueueItemsResponse } from "@/lib/review/add-queue-items.types";

export const dynamic = "force-dynamic";

/** More items for an existing queue: listed items, or patients × tasks. */
export const POST = guardedRoute<{ id: string }>("POST /api/queues/[id]/items", async ({ request, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new NotFoundError("Queue");
  const input = await parseBody(AddQueueItemsRequest, request);
  const added = await addQueueItems({ queueId: params.id, input });
  return NextResponse.json(AddQueueItemsResponse.parse(added), { status: 201 });
});
