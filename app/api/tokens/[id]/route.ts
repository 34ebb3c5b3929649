import { NextResponse } from "next/server";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { guardedRoute } from "@/lib/api/guard";

export const dynamic = "force-dynamic";

export const DELETE = guardedRoute("DELETE /api/tokens/[id]", async ({ user, params }) => {
  await revokeApiToken(user.id, params.id);
  return new NextResponse(null, { status: 204 });
});
