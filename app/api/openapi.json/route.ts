import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/openapi.json", async () => NextResponse.json(openApiDocument()));
