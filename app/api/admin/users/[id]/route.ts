import { NextResponse } from "next/server";
import { z } from "zod";
import { logAccess } from "@/lib/auth/access-log";
import { guardedRoute } from "@/lib/auth/guard";
import { ROLES } from "@/lib/auth/roles";
import { updateUser } from "@/lib/admin/manage-users";
import { parseBody } from "@/lib/http/parse-input";

const Change = z
  .object({
    roles: z.array(z.enum(ROLES)).min(1, "give at least one role").optional(),
    active: z.boolean().optional(),
    name: z.string().trim().min(1).max(200).optional(),
    unlock: z.literal(true).optional(),
  })
  .refine((change) => Object.keys(change).length > 0, "nothing to change");

export const dynamic = "force-dynamic";

export const PATCH = guardedRoute<{ id: string }>("PATCH /api/admin/users/[id]", async ({ request, user, params }) => {
  const change = await parseBody(Change, request);
  const updated = await updateUser({ actingUserId: user.id, userId: params.id, ...change });
  await logAccess({ user, action: "update", resourceType: "user", resourceId: updated.id, headers: request.headers });
  return NextResponse.json({ user: updated });
});
