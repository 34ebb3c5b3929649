import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { listBackends } from "@/lib/runs/list-backends";

export const dynamic = "force-dynamic";

/** Configured backends without secrets (an API key shows only as hasApiKey). */
export const GET = guardedRoute("GET /api/backends", async () => NextResponse.json({ backends: listBackends() }));
