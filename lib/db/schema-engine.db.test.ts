import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createEmptyDatabase } from "../../test/database";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations, committedMigrations, diffMigrationsToSchema, isEmptyMigration } from "./schema-engine";

async function migrationRows(url: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const result = await client.query(
      "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name",
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

describe("offline migrations (Prisma's WebAssembly schema engine)", () => {
  it("applies every committed migration to an external server by URL, records it, and is idempotent", async () => {
    const database = await createEmptyDatabase();
    try {
      const applied = await applyMigrations(database.url);
      expect(applied).toEqual(committedMigrations());
      const rows = await migrationRows(database.url);
      expect(rows.map((row) => row.migration_name)).toEqual(committedMigrations());
      for (const row of rows) {
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
      }
      expect(await applyMigrations(database.url)).toEqual([]);
      expect(await migrationRows(database.url)).toHaveLength(rows.length);
    } finally {
      await database.drop();
    }
  });

  it("applies to a freshly initialised embedded cluster of its own", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ehr-embedded-"));
    const server = await startEmbeddedPostgres({ dataDir: dir });
    try {
      expect(await applyMigrations(server.url)).toEqual(committedMigrations());
      expect(await applyMigrations(server.url)).toEqual([]);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finds no drift between schema.prisma and the committed migrations", async () => {
    const database = await createEmptyDatabase();
    try {
      const sql = await diffMigrationsToSchema(database.url);
      expect(isEmptyMigration(sql), `schema.prisma has changes no migration holds:\n${sql}`).toBe(true);
    } finally {
      await database.drop();
    }
  });

  it("recognises the engine's empty diff and a real one", () => {
    expect(isEmptyMigration("-- This is an empty migration.")).toBe(true);
    expect(isEmptyMigration('-- AlterTable\nALTER TABLE "x" ADD COLUMN "y" TEXT;')).toBe(false);
  });
});
