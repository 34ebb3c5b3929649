// What GET /api/health reports: database reachable, migrations applied, backends.
// No patient data and no secrets: it is the one API an anonymous load balancer may call.
// A model server that is down is reported but does not make the app unhealthy: the app (and
// the baseline) still work, and a load balancer must not take it out of service for that.
import "server-only";
import { db } from "../db";
import { committedMigrations } from "../db/migration-files";
import { checkBackendHealth } from "../model/backends/check-backend-health";
import { loadBackends } from "../model/backends/load-backends";

export type BackendState = { id: string; name: string; ok: boolean; latencyMs: number; error?: string };

export type Health = {
  ok: boolean;
  database: { ok: boolean; error?: string };
  migrations: { ok: boolean; applied: number; pending: string[] };
  backends: BackendState[];
  /** Set when the EHR_R1_* settings themselves are invalid. */
  backendConfigError?: string;
};

const BACKEND_TIMEOUT_MS = 2_000;
// Load balancers poll often; a model server gets asked at most this often.
const BACKEND_CACHE_MS = 15_000;
let cachedBackends: { at: number; value: Pick<Health, "backends" | "backendConfigError"> } | undefined;

async function checkBackends(): Promise<Pick<Health, "backends" | "backendConfigError">> {
  if (cachedBackends && Date.now() - cachedBackends.at < BACKEND_CACHE_MS) return cachedBackends.value;
  let value: Pick<Health, "backends" | "backendConfigError">;
  try {
    const backends = loadBackends(process.env);
    const states = await Promise.all(
      backends.map(async (backend): Promise<BackendState> => {
        const health = await checkBackendHealth(backend, { timeoutMs: BACKEND_TIMEOUT_MS });
        return {
          id: backend.id,
          name: backend.name,
          ok: health.ok,
          latencyMs: health.latencyMs,
          // A code, not the message: messages name internal hosts, and this answer is public.
          ...(health.ok ? {} : { error: health.code }),
        };
      }),
    );
    value = { backends: states };
  } catch (error) {
    value = { backends: [], backendConfigError: error instanceof Error ? error.message : String(error) };
  }
  cachedBackends = { at: Date.now(), value };
  return value;
}

async function checkDatabase(): Promise<Pick<Health, "ok" | "database" | "migrations">> {
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

export async function checkHealth(): Promise<Health> {
  const [database, backends] = await Promise.all([checkDatabase(), checkBackends()]);
  return { ...database, ...backends };
}
