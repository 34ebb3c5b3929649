import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/http/errors";
import { getBatchProgress } from "@/lib/runs/run-batch";

export const dynamic = "force-dynamic";

/** A batch's progress: its runs counted by status, and when it finished. */
export const GET = guardedRoute<{ id: string }>("GET /api/batches/[id]", async ({ params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new NotFoundError("Batch");
  return NextResponse.json(await getBatchProgress(params.id));
});
