import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { previewQueue } from "@/lib/review/preview-queue";
import { PreviewQueueResponse } from "@/lib/review/preview-queue.types";

export const dynamic = "force-dynamic";

/**
 * What a selection would make, without storing anything: the item count and each skipped
 * (patient, task) pair with its reason. A POST because a selection can hold 2,000 patient ids.
 */
export const POST = guardedRoute("POST /api/queues/preview", async ({ body }) => {
  return NextResponse.json(PreviewQueueResponse.parse(await previewQueue(body)));
});
