import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/auth/guard";
import { openApiDocument } from "@/lib/auth/openapi";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/openapi.json", async () => NextResponse.json(openApiDocument()));
