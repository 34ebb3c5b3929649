// The production app as an operator runs it (scripts/start.ts, i.e. `npm run serve`) on a
// PostgreSQL the test controls, for fault tests that must watch the real server. `npm test`
// builds before it runs vitest; a bare `npx vitest` without a build makes one here first.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../lib/db/embedded-postgres";

export type BuiltApp = {
  baseUrl: string;
  process: ChildProcess;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr: () => string;
  stop: () => Promise<void>;
};

export function ensureProductionBuild(): void {
  if (existsSync(path.resolve(".next/BUILD_ID"))) return;
  process.stderr.write("[faults] no production build in .next: running `next build` first…\n");
  const build = spawnSync("npx", ["next", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
}

export async function startBuiltApp(options: { databaseUrl: string; dataDir: string }): Promise<BuiltApp> {
  ensureProductionBuild();
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: options.dataDir,
    DEMO: "0",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const key of Object.keys(env)) if (key.startsWith("EHR_R1_")) delete env[key];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    stdio: ["ignore", "ignore", "pipe"],
    env,
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || attempt > 240) {
      child.kill("SIGKILL");
      throw new Error(`the app did not start:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    process: child,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
