import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { getScorecard } from "@/lib/runs/get-scorecard";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/scorecard", async () => NextResponse.json({ rows: await getScorecard() }));
