// npm start: the whole app on one command. Uses DATABASE_URL or starts the embedded
// PostgreSQL in DATA_DIR, applies pending migrations, seeds demo mode, then runs
// `next start` and, on SIGTERM/SIGINT, stops Next and then PostgreSQL. Next's process also
// executes runs (an in-process worker, instrumentation.ts) unless WORKER=0.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { connectDatabase } from "../lib/db/connect-database";
import { dataDir } from "../lib/db/data-dir";
import { handleShutdownSignals } from "../lib/db/embedded-postgres";
import { createPrismaClient } from "../lib/db/prisma-client";
import { applyMigrations } from "../lib/db/schema-engine";
import { isDemoMode } from "../lib/demo/demo-mode";
import { seedDemo } from "../lib/demo/seed-demo";
import { syncCatalog } from "../lib/runs/sync-catalog";

const log = (message: string) => process.stderr.write(`[start] ${message}\n`);

/** AUTH_SECRET from the environment, else one generated once and kept in DATA_DIR. */
function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir(), ".auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir(), { recursive: true });
  const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  log(`generated AUTH_SECRET in ${file} (set AUTH_SECRET to manage it yourself)`);
  return secret;
}

const port = Number(process.env.PORT ?? 3000);
const database = await connectDatabase();
log(database.embedded ? `embedded PostgreSQL in ${dataDir()}` : "PostgreSQL from DATABASE_URL");

let child: ReturnType<typeof spawn> | undefined;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((resolve) => child!.once("exit", resolve));
  }
  await database.release();
  process.exit(code);
}
// Next goes first (its in-process worker hands its runs back), then the embedded cluster.
handleShutdownSignals(() => void shutdown(0));

try {
  const applied = await applyMigrations(database.url);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  // Tasks and backends the runs reference (runs are left alone: other processes may execute them).
  log(await syncCatalog(database.url));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    EHR_EMBEDDED_DATABASE: database.embedded ? "1" : "0",
    AUTH_SECRET: authSecret(),
    BETTER_AUTH_URL: process.env.APP_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    // SIGTERM goes to instrumentation.ts, which hands the runs executing there back first.
    NEXT_MANUAL_SIG_HANDLE: "1",
  };
  env.DEMO = isDemoMode(env) ? "1" : "0";
  if (env.DEMO === "1") {
    const prisma = createPrismaClient(database.url, { max: 2 });
    try {
      for (const line of await seedDemo(prisma, database.url)) log(line);
    } finally {
      await prisma.$disconnect();
    }
  }
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  child = spawn(process.execPath, [next, "start", "-p", String(port)], { stdio: "inherit", env });
  child.on("exit", (code) => void shutdown(code ?? 1));
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
