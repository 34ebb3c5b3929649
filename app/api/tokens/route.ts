import { NextResponse } from "next/server";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { guardedRoute } from "@/lib/api/guard";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/tokens", async ({ user }) =>
  NextResponse.json({ tokens: await listApiTokens(user.id) }),
);

export const POST = guardedRoute("POST /api/tokens", async ({ user, body }) => {
  const expiresAt = body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000) : null;
  const { token, record } = await createApiToken({ userId: user.id, name: body.name, expiresAt });
  // The only time the token itself leaves the server.
  return NextResponse.json({ token, record }, { status: 201 });
});
