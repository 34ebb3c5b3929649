// Demo mode's first start: demo users, then the synthetic demo cohort, generated in
// MIMIC-IV's own CSV layout and loaded through the real importer. Idempotent: later starts
// change nothing (the cohort is loaded only while the database holds no patient).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { upsertLocalUser } from "../auth/create-user";
import type { PrismaClient } from "../db/prisma-client";
import { generateDemoCohort } from "./generate-cohort";
import { importFiles } from "../ehr/import/import-files";
import { DEMO_COHORT_DIR_PREFIX } from "./demo-cohort-data";
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

export async function seedDemoCohort(prisma: PrismaClient, databaseUrl: string): Promise<string | null> {
  if ((await prisma.patient.count()) > 0) return null;
  const dir = mkdtempSync(path.join(tmpdir(), DEMO_COHORT_DIR_PREFIX));
  try {
    await generateDemoCohort(dir);
    const summary = await importFiles({ databaseUrl, paths: [dir], format: "mimic-iv" });
    return `demo cohort: ${summary.patients.added} synthetic patients, ${summary.events.added} events`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lines saying what was created; empty when everything was already there. */
export async function seedDemo(prisma: PrismaClient, databaseUrl: string): Promise<string[]> {
  const users = await seedDemoUsers(prisma);
  const cohort = await seedDemoCohort(prisma, databaseUrl);
  return [...(users ? [`demo mode: created ${users} demo user(s)`] : []), ...(cohort ? [cohort] : [])];
}
