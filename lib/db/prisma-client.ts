// Builds a Prisma client on the pg driver adapter. lib/db.ts holds the app's one instance;
// tests and CLIs that point at another database make their own through this.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";

export type DatabaseClients = {
  prisma: PrismaClient;
  /** The pool the Prisma client runs on (ended by its $disconnect). */
  pool: pg.Pool;
};

/** A Prisma client and its pg pool, for the few hot paths that read rows without Prisma. */
export function createDatabaseClients(url: string, options: { max?: number } = {}): DatabaseClients {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return { prisma: new PrismaClient({ adapter }), pool };
}

export function createPrismaClient(url: string, options: { max?: number } = {}): PrismaClient {
  return createDatabaseClients(url, options).prisma;
}

export type { PrismaClient };
