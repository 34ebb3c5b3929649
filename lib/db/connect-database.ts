// Which PostgreSQL a process should use: DATABASE_URL when set, otherwise the embedded
// cluster in DATA_DIR — joining it when the app already runs it, starting it otherwise.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./data-dir";
import { startEmbeddedPostgres } from "./embedded-postgres";

export type DatabaseHandle = {
  url: string;
  embedded: boolean;
  /** Stops the cluster only if this process started it. */
  release: () => Promise<void>;
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The URL of an embedded cluster already running on `dir`, if any. */
export function runningEmbeddedUrl(dir = dataDir()): string | undefined {
  const pidFile = path.join(dir, "pg", "postmaster.pid");
  const passwordFile = path.join(dir, ".password");
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return undefined;
  // postmaster.pid: line 1 the pid, line 4 the port (PostgreSQL's documented layout).
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !isAlive(pid)) return undefined;
  const password = readFileSync(passwordFile, "utf8").trim();
  return `postgresql://ehr:${password}@127.0.0.1:${port}/ehr_r1_review`;
}

export async function connectDatabase(options: { port?: number } = {}): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, release: async () => {} };
  }
  const running = runningEmbeddedUrl();
  if (running) return { url: running, embedded: true, release: async () => {} };
  const pg = await startEmbeddedPostgres({ dataDir: dataDir(), port: options.port });
  return { url: pg.url, embedded: true, release: pg.stop };
}
