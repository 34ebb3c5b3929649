// A fresh, migrated database per test file, cloned from the global setup's template.
import { inject } from "vitest";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "../lib/db/prisma-client";

export type TestDatabase = {
  url: string;
  prisma: PrismaClient;
  drop: () => Promise<void>;
};

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(withDatabase(inject("postgresUrl"), "postgres"));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${crypto.randomUUID().replaceAll("-", "")}`;
  const template = new URL(inject("postgresUrl")).pathname.slice(1);
  // Test files start in parallel; PostgreSQL refuses a clone while another is reading the
  // template ("being accessed by other users"), so a refused clone waits and tries again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`));
      break;
    } catch (error) {
      if (attempt >= 50 || !String(error).includes("being accessed by other users")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  const url = withDatabase(inject("postgresUrl"), name);
  const prisma = createPrismaClient(url, { max: 4 });
  return {
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** An empty database on the test server (no migrations), for migration tests. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `e_${crypto.randomUUID().replaceAll("-", "")}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    url: withDatabase(inject("postgresUrl"), name),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
