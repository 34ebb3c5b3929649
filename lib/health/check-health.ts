// What GET /api/health reports: database reachable, migrations applied, backends.
// No patient data and no secrets: it is the one API an anonymous load balancer may call.
import { db } from "../db";
import { committedMigrations } from "../db/migration-files";

export type Health = {
  ok: boolean;
  database: { ok: boolean; error?: string };
  migrations: { ok: boolean; applied: number; pending: string[] };
};

export async function checkHealth(): Promise<Health> {
  const committed = committedMigrations();
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((row) => row.migration_name));
    const pending = committed.filter((name) => !applied.has(name));
    const migrations = { ok: pending.length === 0, applied: applied.size, pending };
    return { ok: migrations.ok, database: { ok: true }, migrations };
  } catch (error) {
    console.error("health: database check failed:", error);
    return {
      ok: false,
      database: { ok: false, error: "database unreachable" },
      migrations: { ok: false, applied: 0, pending: committed },
    };
  }
}
