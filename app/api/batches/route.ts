import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { createBatch, listBatches } from "@/lib/runs/run-batch";

export const dynamic = "force-dynamic";

/** The latest batches with their progress. */
export const GET = guardedRoute("GET /api/batches", async () => NextResponse.json({ batches: await listBatches() }));

/** One task over many patients; → 201 {id, runs, skipped: [{patient, reason}]}. */
export const POST = guardedRoute("POST /api/batches", async ({ user, body }) =>
  NextResponse.json(await createBatch(body, user), { status: 201 }),
);
