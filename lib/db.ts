// The one Prisma client of the app process. DATABASE_URL is set by the time a query runs:
// scripts/start.ts points it at the embedded cluster when the operator did not. The client
// is made on first use (so `next build` can import modules without a database) and cached
// on globalThis so Next's dev reloads do not open a pool per reload.
import "server-only";
import type pg from "pg";
import { createDatabaseClients, type DatabaseClients, type PrismaClient } from "./db/prisma-client";

const globalForDb = globalThis as unknown as { database?: DatabaseClients };

function clients(): DatabaseClients {
  if (!globalForDb.database) {
    // `next build` loads route modules (better-auth reads the client's models) but never
    // queries; a client on an unroutable placeholder URL serves it.
    const isBuild = process.env.NEXT_PHASE === "phase-production-build";
    const url = process.env.DATABASE_URL ?? (isBuild ? "postgresql://build.invalid/none" : undefined);
    if (!url) throw new Error("DATABASE_URL is not set (start the app with `npm start`)");
    globalForDb.database = createDatabaseClients(url, { max: Number(process.env.DB_POOL_SIZE ?? 20) });
  }
  return globalForDb.database;
}

const client = (): PrismaClient => clients().prisma;

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, property) => {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});

/**
 * The pg pool under `db`, shared with it. Only for reads where Prisma's conversion of every
 * cell costs more than the query itself (the events API's pages of 5,000 rows).
 */
export function dbPool(): pg.Pool {
  return clients().pool;
}
