// npm run token:create -- --email E [--name N] [--expires-in-days D] — prints a new API token once.
import { parseArgs } from "node:util";
import { createApiToken } from "../lib/auth/api-tokens";
import { db } from "../lib/db";
import { connectDatabase } from "../lib/db/connect-database";
import { applyMigrations } from "../lib/db/schema-engine";
import { CliError, runCli } from "./cli";

await runCli(async ({ json }) => {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string", default: "cli" },
      "expires-in-days": { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (!values.email) throw new CliError("give the token's owner: --email E");
  const days = values["expires-in-days"] ? Number(values["expires-in-days"]) : undefined;
  if (days !== undefined && !(Number.isInteger(days) && days > 0)) {
    throw new CliError("--expires-in-days must be a positive whole number");
  }
  const database = await connectDatabase();
  // lib/db's client is made on first use, from DATABASE_URL.
  process.env.DATABASE_URL = database.url;
  try {
    await applyMigrations(database.url);
    const user = await db.user.findUnique({ where: { email: values.email.toLowerCase() } });
    if (!user) throw new CliError(`no user with email ${values.email}`);
    if (user.banned) throw new CliError(`${values.email} is deactivated`);
    const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null;
    const { token, record } = await createApiToken({ userId: user.id, name: values.name!, expiresAt });
    return json ? { id: record.id, token, expiresAt } : token;
  } finally {
    await db.$disconnect();
    await database.release();
  }
});
