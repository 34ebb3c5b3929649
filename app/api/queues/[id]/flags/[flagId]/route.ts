import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { ResolveFlagResponse } from "@/lib/review/queue-flags.types";
import { resolveQueueFlag } from "@/lib/review/resolve-queue-flag";

export const dynamic = "force-dynamic";

/** The study lead marks a reviewer's flag resolved {resolved: true} or open again. */
export const PATCH = guardedRoute("PATCH /api/queues/[id]/flags/[flagId]", async ({ user, params, body }) => {
  const flag = await resolveQueueFlag({ userId: user.id, queueId: params.id, flagId: params.flagId, input: body });
  return NextResponse.json(ResolveFlagResponse.parse({ flag }));
});
