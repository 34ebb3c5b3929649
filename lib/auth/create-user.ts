// Creates (or updates) a local account the way better-auth stores it: a user row and a
// "credential" account row holding the password hash (better-auth's own scrypt hashing).
import { hashPassword } from "better-auth/crypto";
import type { PrismaClient } from "../db/prisma-client";
import { formatRoles, type Role } from "./roles";

export type NewUser = { email: string; name?: string; roles: Role[]; password: string };

export async function upsertLocalUser(prisma: PrismaClient, input: NewUser): Promise<{ id: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const hash = await hashPassword(input.password);
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  const id = existing?.id ?? crypto.randomUUID();
  await prisma.$transaction([
    prisma.user.upsert({
      where: { email },
      create: {
        id,
        email,
        name: input.name ?? email.split("@")[0],
        role: formatRoles(input.roles),
        emailVerified: true,
      },
      update: { role: formatRoles(input.roles), ...(input.name ? { name: input.name } : {}) },
    }),
    prisma.account.deleteMany({ where: { userId: id, providerId: "credential" } }),
    prisma.account.create({
      data: { id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash },
    }),
  ]);
  return { id, created: !existing };
}
