// The production build served as an operator serves it (scripts/start.ts, i.e. `npm run serve`)
// on a free port, for the fault tests and the benchmarks: started, waited for until
// /api/health answers, and stopped with SIGTERM (which stops Next, then any PostgreSQL the
// start script owns). The caller says which database and settings through `env`.
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../lib/db/embedded-postgres";

export type ServedApp = {
  baseUrl: string;
  port: number;
  process: ChildProcess;
  /** The last of what the server wrote to stderr (for failure messages). */
  stderr: () => string;
  stop: () => Promise<void>;
};

const STDERR_KEPT = 64 * 1024;
const START_ATTEMPTS = 240;
const ATTEMPT_MS = 250;

export async function serveBuiltApp(
  env: NodeJS.ProcessEnv,
  options: { echoStderr?: boolean } = {},
): Promise<ServedApp> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    if (options.echoStderr) process.stderr.write(chunk);
    stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || attempt > START_ATTEMPTS) {
      child.kill("SIGKILL");
      throw new Error(`the app did not start (is there a production build? \`npm run build\`):\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, ATTEMPT_MS));
  }
  return {
    baseUrl,
    port,
    process: child,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
