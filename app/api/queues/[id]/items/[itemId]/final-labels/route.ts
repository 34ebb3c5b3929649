import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/http/errors";
import { parseBody } from "@/lib/http/parse-input";
import { FinalLabelRequest, setFinalLabel } from "@/lib/review/adjudication";

export const dynamic = "force-dynamic";

/** Adjudication: sets (value null: clears) the final label of one item on one criterion → {finalLabel}. */
export const PUT = guardedRoute<{ id: string; itemId: string }>(
  "PUT /api/queues/[id]/items/[itemId]/final-labels",
  async ({ request, user, params }) => {
    if (!z.uuid().safeParse(params.id).success || !z.uuid().safeParse(params.itemId).success) {
      throw new NotFoundError("Queue item");
    }
    const input = await parseBody(FinalLabelRequest, request);
    const finalLabel = await setFinalLabel({
      queueId: params.id,
      queueItemId: params.itemId,
      input,
      decidedById: user.id,
    });
    return NextResponse.json({ finalLabel });
  },
);
