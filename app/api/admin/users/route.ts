import { NextResponse } from "next/server";
import { z } from "zod";
import { logAccess } from "@/lib/auth/access-log";
import { guardedRoute } from "@/lib/auth/guard";
import { ROLES } from "@/lib/auth/roles";
import { createUser, listUsers } from "@/lib/admin/manage-users";
import { parseBody } from "@/lib/http/parse-input";

const NewUser = z.object({
  email: z.email(),
  name: z.string().trim().min(1).max(200).optional(),
  roles: z.array(z.enum(ROLES)).min(1, "give at least one role"),
  password: z.string().min(10, "at least 10 characters").max(200),
});

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/admin/users", async () => NextResponse.json({ users: await listUsers() }));

export const POST = guardedRoute("POST /api/admin/users", async ({ request, user }) => {
  const input = await parseBody(NewUser, request);
  const created = await createUser(input);
  await logAccess({ user, action: "create", resourceType: "user", resourceId: created.id, headers: request.headers });
  return NextResponse.json({ user: created }, { status: 201 });
});
