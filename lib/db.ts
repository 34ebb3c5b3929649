// The one Prisma client of the app process. DATABASE_URL is set by the time a query runs:
// scripts/start.ts points it at the embedded cluster when the operator did not. The client
// is made on first use (so `next build` can import modules without a database) and cached
// on globalThis so Next's dev reloads do not open a pool per reload.
import { createPrismaClient, type PrismaClient } from "./db/prisma-client";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  if (!globalForDb.prisma) {
    // `next build` loads route modules (better-auth reads the client's models) but never
    // queries; a client on an unroutable placeholder URL serves it.
    const isBuild = process.env.NEXT_PHASE === "phase-production-build";
    const url = process.env.DATABASE_URL ?? (isBuild ? "postgresql://build.invalid/none" : undefined);
    if (!url) throw new Error("DATABASE_URL is not set (start the app with `npm start`)");
    globalForDb.prisma = createPrismaClient(url, { max: Number(process.env.DB_POOL_SIZE ?? 20) });
  }
  return globalForDb.prisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, property) => {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});
