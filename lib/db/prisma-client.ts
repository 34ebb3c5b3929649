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

export function createPrismaClient(
  url: string,
  options: { max?: number; connectTimeoutMs?: number } = {},
): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter });
}

export type { PrismaClient };
