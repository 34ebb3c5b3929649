import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { retryRun } from "@/lib/runs/retry-run";

export const dynamic = "force-dynamic";

/** A new run of the same input, naming this one as its original. → 201 {id}. */
export const POST = guardedRoute("POST /api/runs/[id]/retry", async ({ user, params }) =>
  NextResponse.json(await retryRun(params.id, user), { status: 201 }),
);
