import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/http/errors";
import { parseBody } from "@/lib/http/parse-input";
import { flagQueueItem } from "@/lib/review/flag-queue-item";
import { FlagRequest, FlagResponse } from "@/lib/review/queue-flags.types";

export const dynamic = "force-dynamic";

/** The caller flags an item they were given for the study lead, with a note; it is not a rating. */
export const POST = guardedRoute<{ id: string; itemId: string }>(
  "POST /api/queues/[id]/items/[itemId]/flags",
  async ({ request, user, params }) => {
    if (!z.uuid().safeParse(params.id).success || !z.uuid().safeParse(params.itemId).success) {
      throw new NotFoundError("Queue item");
    }
    const input = await parseBody(FlagRequest, request);
    const flag = await flagQueueItem({ userId: user.id, queueId: params.id, queueItemId: params.itemId, input });
    return NextResponse.json(FlagResponse.parse({ flag }), { status: 201 });
  },
);
