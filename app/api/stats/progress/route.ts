import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/guard";
import { parseQuery } from "@/lib/http/parse-input";
import { getQueueProgress } from "@/lib/review/get-queue-progress";
import { QueueProgressQuery, QueueProgressResponse } from "@/lib/review/get-queue-progress.types";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/stats/progress", async ({ request, user }) => {
  const query = parseQuery(QueueProgressQuery, request.nextUrl);
  const queues = await getQueueProgress({ user, queueId: query.queue });
  return NextResponse.json(QueueProgressResponse.parse({ queues }));
});
