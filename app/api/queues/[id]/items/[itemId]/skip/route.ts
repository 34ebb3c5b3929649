import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/http/errors";
import { parseBody } from "@/lib/http/parse-input";
import { skipQueueItem } from "@/lib/review/skip-queue-item";
import { SkipRequest, SkipResponse } from "@/lib/review/skip-queue-item.types";

export const dynamic = "force-dynamic";

/** The caller declines an item they hold, with a reason; it returns to the pool for others. */
export const POST = guardedRoute<{ id: string; itemId: string }>(
  "POST /api/queues/[id]/items/[itemId]/skip",
  async ({ request, user, params }) => {
    if (!z.uuid().safeParse(params.id).success || !z.uuid().safeParse(params.itemId).success) {
      throw new NotFoundError("Queue item");
    }
    const input = await parseBody(SkipRequest, request);
    const skip = await skipQueueItem({ userId: user.id, queueId: params.id, queueItemId: params.itemId, input });
    return NextResponse.json(SkipResponse.parse({ skip }));
  },
);
