import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { cancelRun } from "@/lib/runs/cancel-run";

export const dynamic = "force-dynamic";

/** Stops a queued or streaming run (its starter or an admin); partial output is kept. */
export const POST = guardedRoute("POST /api/runs/[id]/cancel", async ({ user, params }) =>
  NextResponse.json(await cancelRun(params.id, user)),
);
