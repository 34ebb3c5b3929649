import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/http/errors";
import { cancelBatch } from "@/lib/runs/run-batch";

export const dynamic = "force-dynamic";

/** Cancels every run of the batch that has not ended; → the batch's progress. */
export const POST = guardedRoute<{ id: string }>("POST /api/batches/[id]/cancel", async ({ user, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new NotFoundError("Batch");
  return NextResponse.json(await cancelBatch(params.id, user));
});
