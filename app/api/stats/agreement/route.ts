import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/guard";
import { parseQuery } from "@/lib/http/parse-input";
import { getQueueAgreement } from "@/lib/review/get-queue-agreement";
import { QueueAgreement, QueueAgreementQuery } from "@/lib/review/queue-agreement.types";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/stats/agreement", async ({ request }) => {
  const query = parseQuery(QueueAgreementQuery, request.nextUrl);
  const agreement = await getQueueAgreement({ queueId: query.queue, kind: query.kind });
  return NextResponse.json(QueueAgreement.parse(agreement));
});
