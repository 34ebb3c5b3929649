import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/guard";
import { parseBody } from "@/lib/http/parse-input";
import { createQueue } from "@/lib/review/create-queue";
import { CreateQueueRequest, CreateQueueResponse } from "@/lib/review/create-queue.types";
import { listQueues } from "@/lib/review/list-queues";
import { ListQueuesResponse } from "@/lib/review/list-queues.types";

export const dynamic = "force-dynamic";

/** Admins: every open queue; reviewers: the queues they review in, with their progress. */
export const GET = guardedRoute("GET /api/queues", async ({ user }) =>
  NextResponse.json(ListQueuesResponse.parse({ queues: await listQueues({ user }) })),
);

export const POST = guardedRoute("POST /api/queues", async ({ request, user }) => {
  const input = await parseBody(CreateQueueRequest, request);
  const created = await createQueue({ userId: user.id, input });
  return NextResponse.json(CreateQueueResponse.parse(created), { status: 201 });
});
