// Fault: PostgreSQL stops (fast shutdown) under the running production app, then comes back.
// While it is down every request must get a clean answer at once (503, a JSON error saying the
// database is unavailable; /api/health saying so too), the server must not crash; once it is
// back the app must serve again without a restart (its pool reconnects).
import { mkdtempSync, chmodSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmbeddedPostgres, type RunningPostgres } from "../../lib/db/embedded-postgres";
import { createPrismaClient, type PrismaClient } from "../../lib/db/prisma-client";
import { applyMigrations } from "../../lib/db/schema-engine";
import { seedPatient } from "../../lib/runs/test-support";
import type { ServedApp } from "../served-app";
import { startBuiltApp } from "./built-app";

let dir: string;
let postgres: RunningPostgres;
let prisma: PrismaClient;
let app: ServedApp;
let authorization: string;
let patientId: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "ehr-fault-pg-restart-"));
  chmodSync(dir, 0o755);
  postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "restart" });
  await applyMigrations(postgres.url);
  prisma = createPrismaClient(postgres.url, { max: 2 });
  ({ patientId } = await seedPatient(prisma, "92000001"));
  const { upsertLocalUser } = await import("../../lib/auth/create-user");
  const { id } = await upsertLocalUser(prisma, {
    email: "admin@faults.local",
    roles: ["admin"],
    password: "faults-pw-1",
  });
  process.env.DATABASE_URL = postgres.url;
  const { createApiToken } = await import("../../lib/auth/api-tokens");
  authorization = `Bearer ${(await createApiToken({ userId: id, name: "faults" })).token}`;
  await prisma.$disconnect();
  app = await startBuiltApp({ databaseUrl: postgres.url, dataDir: path.join(dir, "app") });
}, 600_000);

afterAll(async () => {
  await app?.stop();
  const { db } = await import("../../lib/db");
  await db.$disconnect().catch(() => undefined);
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A request that must be answered, not left hanging (15 s is far beyond any clean answer). */
async function call(route: string, init: RequestInit = {}) {
  const response = await fetch(`${app.baseUrl}${route}`, {
    ...init,
    headers: { authorization, "content-type": "application/json", ...init.headers },
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const UNAVAILABLE = {
  error: { code: "database_unavailable", message: "The database is unavailable; try again shortly." },
};

it("answers 503 while PostgreSQL is down, then serves again once it is back, without a restart", async () => {
  expect((await call("/api/patients")).status).toBe(200);
  expect((await call(`/api/patients/${patientId}`)).status).toBe(200);
  const pid = app.process.pid;

  await postgres.stop(); // SIGINT: PostgreSQL's fast shutdown, open connections terminated
  for (const route of [
    "/api/patients",
    `/api/patients/${patientId}`,
    `/api/patients/${patientId}/events`,
    "/api/runs",
  ]) {
    expect(await call(route), `${route}\n${app.stderr()}`).toEqual({ status: 503, body: UNAVAILABLE });
  }
  expect(
    await call("/api/runs", {
      method: "POST",
      body: JSON.stringify({ patientId, taskKey: "labevents", cutoff: "2150-01-02T06:00:00Z", backendId: "baseline" }),
    }),
  ).toEqual({ status: 503, body: UNAVAILABLE });
  const health = await call("/api/health");
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({ ok: false, database: { ok: false, error: "database unreachable" } });
  expect(app.process.exitCode).toBeNull();

  postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "restart", port: postgres.port });
  // The same server process (no restart) serves again once its pool has reconnected.
  expect((await call("/api/health")).status).toBe(200);
  const list = await call("/api/patients");
  expect(list.status).toBe(200);
  expect(JSON.stringify(list.body)).toContain(patientId);
  expect((await call(`/api/patients/${patientId}/events`)).status).toBe(200);
  expect(app.process.pid).toBe(pid);
  expect(app.process.exitCode).toBeNull();
});
