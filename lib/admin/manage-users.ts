// Admin work on accounts: list, create, change roles, deactivate/reactivate. Deactivation
// ends the user's sessions at once and their API tokens stop working (they act as the user).
import "server-only";
import { upsertLocalUser } from "../auth/create-user";
import { formatRoles, parseRoles, type Role } from "../auth/roles";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors";

export type UserView = {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
};

const SELECT = { id: true, email: true, name: true, role: true, banned: true, lockedUntil: true, createdAt: true };

function toView(user: {
  id: string;
  email: string;
  name: string;
  role: string;
  banned: boolean | null;
  lockedUntil: Date | null;
  createdAt: Date;
}): UserView {
  const { role, banned, ...rest } = user;
  return { ...rest, roles: parseRoles(role), active: !banned };
}

export async function listUsers(): Promise<UserView[]> {
  const users = await db.user.findMany({ orderBy: { email: "asc" }, select: SELECT });
  return users.map(toView);
}

export async function createUser(input: {
  email: string;
  name?: string;
  roles: Role[];
  password: string;
}): Promise<UserView> {
  const existing = await db.user.findUnique({ where: { email: input.email.toLowerCase() } });
  if (existing) throw new ConflictError(`An account for ${input.email} already exists.`);
  const { id } = await upsertLocalUser(db, input);
  return toView(await db.user.findUniqueOrThrow({ where: { id }, select: SELECT }));
}

export async function updateUser(input: {
  actingUserId: string;
  userId: string;
  roles?: Role[];
  active?: boolean;
  name?: string;
  unlock?: boolean;
}): Promise<UserView> {
  const user = await db.user.findUnique({ where: { id: input.userId }, select: SELECT });
  if (!user) throw new NotFoundError("User");
  if (input.userId === input.actingUserId) {
    // An admin cannot lock themselves out; another admin must do it.
    if (input.active === false) throw new ValidationError("You cannot deactivate your own account.");
    if (input.roles && !input.roles.includes("admin"))
      throw new ValidationError("You cannot remove your own admin role.");
  }
  const [updated] = await db.$transaction([
    db.user.update({
      where: { id: input.userId },
      data: {
        ...(input.roles ? { role: formatRoles(input.roles) } : {}),
        ...(input.name ? { name: input.name } : {}),
        ...(input.active === undefined
          ? {}
          : { banned: !input.active, banReason: input.active ? null : "deactivated by an admin" }),
        ...(input.unlock ? { failedSignIns: 0, lockedUntil: null } : {}),
      },
      select: SELECT,
    }),
    ...(input.active === false ? [db.session.deleteMany({ where: { userId: input.userId } })] : []),
  ]);
  return toView(updated);
}
