import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/guard";
import { parseBody, parseQuery } from "@/lib/http/parse-input";
import { createQueue } from "@/lib/review/create-queue";
import { CreateQueueRequest, CreateQueueResponse } from "@/lib/review/create-queue.types";
import { listQueues } from "@/lib/review/list-queues";
import { ListQueuesQuery, ListQueuesResponse } from "@/lib/review/list-queues.types";

export const dynamic = "force-dynamic";

/** Admins: every open queue (archived ones too on demand); reviewers: the open queues they review in. */
export const GET = guardedRoute("GET /api/queues", async ({ request, user }) => {
  const query = parseQuery(ListQueuesQuery, new URL(request.url));
  const includeArchived = query.archived === "include" && user.roles.includes("admin");
  return NextResponse.json(ListQueuesResponse.parse({ queues: await listQueues({ user, includeArchived }) }));
});

export const POST = guardedRoute("POST /api/queues", async ({ request, user }) => {
  const input = await parseBody(CreateQueueRequest, request);
  const created = await createQueue({ userId: user.id, input });
  return NextResponse.json(CreateQueueResponse.parse(created), { status: 201 });
});
