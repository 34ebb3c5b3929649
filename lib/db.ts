// The one Prisma client of the app process. DATABASE_URL is always set by the time app
// code runs: scripts/start.ts sets it to the embedded cluster when the operator did not.
// Cached on globalThis so Next's dev reloads do not open a pool per reload.
import { createPrismaClient, type PrismaClient } from "./db/prisma-client";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

function makeClient(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (start the app with `npm start`)");
  return createPrismaClient(url, { max: Number(process.env.DB_POOL_SIZE ?? 20) });
}

export const db: PrismaClient = globalForDb.prisma ?? makeClient();
globalForDb.prisma = db;
