// npm run user:create -- --email E --role admin|clinician|annotator [--role ...] [--name N] [--password P]
// Without --password a strong one is generated and printed once.
import { parseArgs } from "node:util";
import { z } from "zod";
import { upsertLocalUser } from "../lib/auth/create-user";
import { ROLES } from "../lib/auth/roles";
import { connectDatabase } from "../lib/db/connect-database";
import { createPrismaClient } from "../lib/db/prisma-client";
import { applyMigrations } from "../lib/db/schema-engine";
import { CliError, runCli } from "./cli";

const Args = z.object({
  email: z.email("--email must be an email address"),
  role: z
    .array(z.enum(ROLES, { message: `--role must be one of ${ROLES.join(", ")}` }))
    .min(1, "give at least one --role"),
  name: z.string().min(1).optional(),
  password: z.string().min(10, "--password must have at least 10 characters").optional(),
});

await runCli(async ({ json }) => {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string", multiple: true },
      name: { type: "string" },
      password: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const parsed = Args.safeParse({ ...values, role: values.role?.flatMap((role) => role.split(",")) });
  if (!parsed.success) throw new CliError(parsed.error.issues[0].message);
  const args = parsed.data;
  const password = args.password ?? Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url");
  const database = await connectDatabase();
  const prisma = createPrismaClient(database.url, { max: 2 });
  try {
    await applyMigrations(database.url);
    const user = await upsertLocalUser(prisma, { email: args.email, name: args.name, roles: args.role, password });
    const shown = args.password ? undefined : password;
    if (json) return { id: user.id, email: args.email, roles: args.role, created: user.created, password: shown };
    return [
      `${user.created ? "created" : "updated"} ${args.email} (${args.role.join(", ")})`,
      ...(shown ? [`password (shown once): ${shown}`] : []),
    ].join("\n");
  } finally {
    await prisma.$disconnect();
    await database.release();
  }
});
