import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { cancelBatch } from "@/lib/runs/run-batch";

export const dynamic = "force-dynamic";

/** Cancels every run of the batch that has not ended; → the batch's progress. */
export const POST = guardedRoute("POST /api/batches/[id]/cancel", async ({ user, params }) =>
  NextResponse.json(await cancelBatch(params.id, user)),
);
