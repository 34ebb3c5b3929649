import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { flagQueueItem } from "@/lib/review/flag-queue-item";
import { FlagResponse } from "@/lib/review/queue-flags.types";

export const dynamic = "force-dynamic";

/** The caller flags an item they were given for the study lead, with a note; it is not a rating. */
export const POST = guardedRoute("POST /api/queues/[id]/items/[itemId]/flags", async ({ user, params, body }) => {
  const flag = await flagQueueItem({ userId: user.id, queueId: params.id, queueItemId: params.itemId, input: body });
  return NextResponse.json(FlagResponse.parse({ flag }), { status: 201 });
});
