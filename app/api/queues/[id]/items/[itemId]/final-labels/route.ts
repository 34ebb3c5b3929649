import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { setFinalLabel } from "@/lib/review/adjudication";

export const dynamic = "force-dynamic";

/** Adjudication: sets (value null: clears) the final label of one item on one criterion → {finalLabel}. */
export const PUT = guardedRoute("PUT /api/queues/[id]/items/[itemId]/final-labels", async ({ user, params, body }) => {
  const finalLabel = await setFinalLabel({
    queueId: params.id,
    queueItemId: params.itemId,
    input: body,
    decidedById: user.id,
  });
  return NextResponse.json({ finalLabel });
});
