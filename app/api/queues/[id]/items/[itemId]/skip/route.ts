import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { skipQueueItem } from "@/lib/review/skip-queue-item";
import { SkipResponse } from "@/lib/review/skip-queue-item.types";

export const dynamic = "force-dynamic";

/** The caller declines an item they hold, with a reason; it returns to the pool for others. */
export const POST = guardedRoute("POST /api/queues/[id]/items/[itemId]/skip", async ({ user, params, body }) => {
  const skip = await skipQueueItem({ userId: user.id, queueId: params.id, queueItemId: params.itemId, input: body });
  return NextResponse.json(SkipResponse.parse({ skip }));
});
