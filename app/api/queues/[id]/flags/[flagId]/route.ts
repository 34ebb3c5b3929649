import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/http/errors";
import { parseBody } from "@/lib/http/parse-input";
import { ResolveFlagRequest, ResolveFlagResponse } from "@/lib/review/queue-flags.types";
import { resolveQueueFlag } from "@/lib/review/resolve-queue-flag";

export const dynamic = "force-dynamic";

/** The study lead marks a reviewer's flag resolved {resolved: true} or open again. */
export const PATCH = guardedRoute<{ id: string; flagId: string }>(
  "PATCH /api/queues/[id]/flags/[flagId]",
  async ({ request, user, params }) => {
    if (!z.uuid().safeParse(params.id).success || !z.uuid().safeParse(params.flagId).success) {
      throw new NotFoundError("Flag");
    }
    const input = await parseBody(ResolveFlagRequest, request);
    const flag = await resolveQueueFlag({ userId: user.id, queueId: params.id, flagId: params.flagId, input });
    return NextResponse.json(ResolveFlagResponse.parse({ flag }));
  },
);
