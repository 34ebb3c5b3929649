// Demo mode's first start: demo users, then the synthetic demo cohort. Idempotent: later
// starts change nothing.
import { upsertLocalUser } from "../auth/create-user";
import type { PrismaClient } from "../db/prisma-client";
import { DEMO_USERS } from "./demo-users";

export async function seedDemoUsers(prisma: PrismaClient): Promise<number> {
  let created = 0;
  for (const user of DEMO_USERS) {
    const exists = await prisma.user.findUnique({ where: { email: user.email }, select: { id: true } });
    if (exists) continue;
    await upsertLocalUser(prisma, user);
    created += 1;
  }
  return created;
}

/** Returns a line saying what was created, or null when everything was already there. */
export async function seedDemo(prisma: PrismaClient, _databaseUrl: string): Promise<string | null> {
  const users = await seedDemoUsers(prisma);
  return users ? `demo mode: created ${users} demo user(s)` : null;
}
