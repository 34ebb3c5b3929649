import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { updateUser } from "@/lib/admin/manage-users";

export const dynamic = "force-dynamic";

export const PATCH = guardedRoute("PATCH /api/admin/users/[id]", async ({ user, params, body }) => {
  const updated = await updateUser({ actingUserId: user.id, userId: params.id, ...body });
  return NextResponse.json({ user: updated });
});
