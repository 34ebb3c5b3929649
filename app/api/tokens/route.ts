import { NextResponse } from "next/server";
import { z } from "zod";
import { logAccess } from "@/lib/auth/access-log";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { guardedRoute } from "@/lib/auth/guard";
import { parseBody } from "@/lib/http/parse-input";

const NewToken = z.object({
  name: z.string().trim().min(1, "give the token a name").max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/tokens", async ({ user }) =>
  NextResponse.json({ tokens: await listApiTokens(user.id) }),
);

export const POST = guardedRoute("POST /api/tokens", async ({ request, user }) => {
  const input = await parseBody(NewToken, request);
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const { token, record } = await createApiToken({ userId: user.id, name: input.name, expiresAt });
  await logAccess({
    user,
    action: "create",
    resourceType: "api_token",
    resourceId: record.id,
    headers: request.headers,
  });
  // The only time the token itself leaves the server.
  return NextResponse.json({ token, record }, { status: 201 });
});
