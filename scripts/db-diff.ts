// npm run db:diff -- --name x — write the next migration (schema.prisma minus committed
// migrations) to prisma/migrations/<timestamp>_x/migration.sql. --check exits 1 on drift.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { connectDatabase } from "../lib/db/connect-database";
import { MIGRATIONS_DIR, diffMigrationsToSchema, isEmptyMigration } from "../lib/db/schema-engine";
import { CliError, runCli } from "./cli";

await runCli(async ({ json }) => {
  const { values } = parseArgs({
    options: { name: { type: "string" }, check: { type: "boolean" }, json: { type: "boolean" } },
  });
  if (!values.check && !values.name?.match(/^[a-z0-9_]+$/)) {
    throw new CliError("give the migration a name: --name snake_case_words");
  }
  const database = await connectDatabase();
  let sql: string;
  try {
    sql = await diffMigrationsToSchema(database.url);
  } finally {
    await database.release();
  }
  if (isEmptyMigration(sql)) return json ? { changed: false } : "schema and migrations agree; nothing to write";
  if (values.check)
    throw new CliError("schema.prisma differs from the committed migrations; run npm run db:diff -- --name <name>");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${values.name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
  return json ? { changed: true, path: dir } : `wrote ${path.relative(process.cwd(), dir)}/migration.sql`;
});
