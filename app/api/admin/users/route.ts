import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { createUser, listUsers } from "@/lib/admin/manage-users";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/admin/users", async () => NextResponse.json({ users: await listUsers() }));

export const POST = guardedRoute("POST /api/admin/users", async ({ body }) => {
  const created = await createUser(body);
  return NextResponse.json({ user: created }, { status: 201 });
});
