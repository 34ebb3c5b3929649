// Builds a Prisma client on the pg driver adapter. lib/db.ts holds the app's one instance;
// tests and CLIs that point at another database make their own through this.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

/**
 * A server that accepts connections but never answers (hung, or behind a dropped route)
 * would hold every request forever: pg waits without limit by default. With this bound the
 * request fails as "database unavailable" (503) instead.
 */
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * Prisma's defaults (2 s to get a connection, 5 s to finish) fail an interactive transaction
 * whenever the pool is busy for 2 s, which 200 users reach at once (npm run bench, load): a
 * run's chunks or its end then go unrecorded. Under load a transaction waits its turn instead;
 * the pool's own connect timeout still bounds the wait.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

export function createPrismaClient(
  url: string,
  options: { max?: number; connectTimeoutMs?: number } = {},
): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
}

export type { PrismaClient };
