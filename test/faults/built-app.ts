// The production app as an operator runs it (scripts/start.ts, i.e. `npm run serve`) on a
// PostgreSQL the test controls, for fault tests that must watch the real server. `npm test`
// builds before it runs vitest; a bare `npx vitest` without a build makes one here first.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { serveBuiltApp, type ServedApp } from "../served-app";

export function ensureProductionBuild(): void {
  if (existsSync(path.resolve(".next/BUILD_ID"))) return;
  process.stderr.write("[faults] no production build in .next: running `next build` first…\n");
  const build = spawnSync("npx", ["next", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
}

export async function startBuiltApp(options: { databaseUrl: string; dataDir: string }): Promise<ServedApp> {
  ensureProductionBuild();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: options.dataDir,
    DEMO: "0",
  };
  // No model backend: the fault tests of the database need only the baseline.
  for (const key of Object.keys(env)) if (key.startsWith("EHR_R1_")) delete env[key];
  return serveBuiltApp(env);
}
