// Builds a Prisma client on the pg driver adapter. lib/db.ts holds the app's one instance;
// tests and CLIs that point at another database make their own through this.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { CONNECT_TIMEOUT_MS, IDLE_CONNECTION_MS } from "./pool-settings";

/**
 * Prisma's defaults (2 s to get a connection, 5 s to finish) fail an interactive transaction
 * whenever the pool is busy for 2 s, which 200 users reach at once (npm run bench, load): a
 * run's chunks or its end then go unrecorded. Under load a transaction waits its turn instead;
 * the pool's own connect timeout still bounds the wait.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

export type DatabaseClients = {
  prisma: PrismaClient;
  /** The pool the Prisma client runs on (ended by its $disconnect). */
  pool: pg.Pool;
};

type ClientOptions = { max?: number; connectTimeoutMs?: number };

/** A Prisma client and its pg pool, for the few hot paths that read rows without Prisma. */
export function createDatabaseClients(url: string, options: ClientOptions = {}): DatabaseClients {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    // Idle connections alone never keep a process (a CLI, a test) from exiting.
    allowExitOnIdle: true,
  });
  // An idle connection that breaks (PostgreSQL restarted) makes the pool emit "error", which
  // would end the process with no listener; the pool drops that connection and the next
  // query reconnects or fails as "database unavailable". Prisma adds its own listener only
  // once it first connects, and the events API may reach the pool before Prisma does.
  pool.on("error", () => {});
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return { prisma: new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }), pool };
}

export function createPrismaClient(url: string, options: ClientOptions = {}): PrismaClient {
  return createDatabaseClients(url, options).prisma;
}

export type { PrismaClient };
