import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { addQueueItems } from "@/lib/review/add-queue-items";
import { AddQueueItemsResponse } from "@/lib/review/add-queue-items.types";

export const dynamic = "force-dynamic";

/** More items for an existing queue: listed items, or patients × tasks. */
export const POST = guardedRoute("POST /api/queues/[id]/items", async ({ params, body }) => {
  const added = await addQueueItems({ queueId: params.id, input: body });
  return NextResponse.json(AddQueueItemsResponse.parse(added), { status: 201 });
});
