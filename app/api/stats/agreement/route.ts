import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { getQueueAgreement } from "@/lib/review/get-queue-agreement";
import { QueueAgreement } from "@/lib/review/queue-agreement.types";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/stats/agreement", async ({ query }) => {
  const agreement = await getQueueAgreement({ queueId: query.queue, kind: query.kind });
  return NextResponse.json(QueueAgreement.parse(agreement));
});
