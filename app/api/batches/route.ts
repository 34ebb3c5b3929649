import { NextResponse } from "next/server";
import { z } from "zod";
import { guardedRoute } from "@/lib/auth/guard";
import { parseBody } from "@/lib/http/parse-input";
import { createBatch, listBatches } from "@/lib/runs/run-batch";

export const dynamic = "force-dynamic";

/** The latest batches with their progress. */
export const GET = guardedRoute("GET /api/batches", async () => NextResponse.json({ batches: await listBatches() }));

const Body = z.object({
  taskKey: z.string().min(1).max(100),
  backendId: z.string().min(1).max(100).optional(),
  patients: z.union([z.literal("all"), z.array(z.string().min(1).max(100)).min(1)]),
  concurrency: z.number().int().min(1).max(16).default(2),
});

/** One task over many patients; → 201 {id, runs, skipped: [{patient, reason}]}. */
export const POST = guardedRoute("POST /api/batches", async ({ request, user }) => {
  const input = await parseBody(Body, request);
  return NextResponse.json(await createBatch(input, user), { status: 201 });
});
