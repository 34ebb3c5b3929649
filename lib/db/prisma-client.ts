// Builds a Prisma client on the pg driver adapter. lib/db.ts holds the app's one instance;
// tests and CLIs that point at another database make their own through this.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export function createPrismaClient(url: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

export type { PrismaClient };
