// npm run db:migrate — apply committed migrations (offline, Prisma's WebAssembly engine).
import { connectDatabase } from "../lib/db/connect-database";
import { applyMigrations } from "../lib/db/schema-engine";
import { runCli } from "./cli";

await runCli(async ({ json }) => {
  const database = await connectDatabase();
  try {
    const applied = await applyMigrations(database.url);
    if (json) return { applied };
    return applied.length ? `applied ${applied.length} migration(s): ${applied.join(", ")}` : "database is up to date";
  } finally {
    await database.release();
  }
});
