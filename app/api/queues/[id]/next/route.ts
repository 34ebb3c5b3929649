import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { takeNextItem } from "@/lib/review/take-next-item";
import { NextItemResponse } from "@/lib/review/take-next-item.types";

export const dynamic = "force-dynamic";

/** Reserves and returns the caller's next item (the held one again if they have one); item null when done. */
export const GET = guardedRoute("GET /api/queues/[id]/next", async ({ user, params }) => {
  const next = await takeNextItem({ userId: user.id, queueId: params.id });
  return NextResponse.json(NextItemResponse.parse(next), { headers: { "cache-control": "no-store" } });
});
