import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { createQueue } from "@/lib/review/create-queue";
import { CreateQueueResponse } from "@/lib/review/create-queue.types";
import { listQueues } from "@/lib/review/list-queues";
import { ListQueuesResponse } from "@/lib/review/list-queues.types";

export const dynamic = "force-dynamic";

/** Admins: every open queue (archived ones too on demand); reviewers: the open queues they review in. */
export const GET = guardedRoute("GET /api/queues", async ({ user, query }) => {
  const includeArchived = query.archived === "include" && user.roles.includes("admin");
  return NextResponse.json(ListQueuesResponse.parse({ queues: await listQueues({ user, includeArchived }) }));
});

export const POST = guardedRoute("POST /api/queues", async ({ user, body }) => {
  const created = await createQueue({ userId: user.id, input: body });
  return NextResponse.json(CreateQueueResponse.parse(created), { status: 201 });
});
