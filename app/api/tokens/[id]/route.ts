import { NextResponse } from "next/server";
import { logAccess } from "@/lib/auth/access-log";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { guardedRoute } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export const DELETE = guardedRoute<{ id: string }>("DELETE /api/tokens/[id]", async ({ request, user, params }) => {
  await revokeApiToken(user.id, params.id);
  await logAccess({
    user,
    action: "revoke",
    resourceType: "api_token",
    resourceId: params.id,
    headers: request.headers,
  });
  return new NextResponse(null, { status: 204 });
});
