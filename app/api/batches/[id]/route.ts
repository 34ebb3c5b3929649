import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { getBatchProgress } from "@/lib/runs/run-batch";

export const dynamic = "force-dynamic";

/** A batch's progress: its runs counted by status, and when it finished. */
export const GET = guardedRoute("GET /api/batches/[id]", async ({ params }) =>
  NextResponse.json(await getBatchProgress(params.id)),
);
