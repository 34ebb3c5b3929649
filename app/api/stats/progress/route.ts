import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { getQueueProgress } from "@/lib/review/get-queue-progress";
import { QueueProgressResponse } from "@/lib/review/get-queue-progress.types";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/stats/progress", async ({ user, query }) => {
  const queues = await getQueueProgress({ user, queueId: query.queue });
  return NextResponse.json(QueueProgressResponse.parse({ queues }));
});
