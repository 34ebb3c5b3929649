// npm run mimic-code -- register [--force] [--json]
// npm run mimic-code -- materialize <subject_id>... [--json]
// The mimic-code store (lib/ehr/mimic-code/README.md): `register` makes every subject of the
// mimic-code database (MIMIC_DATABASE_URL, else the app database's own mimiciv_* schemas) a
// patient of the app; `materialize` reads the given subjects' events into the app now instead
// of on first use. The mimic-code database is only read.
import { parseArgs } from "node:util";
import pg from "pg";
import { connectDatabase } from "../lib/db/connect-database";
import { applyMigrations } from "../lib/db/schema-engine";
import { findMimicCodeUrl } from "../lib/ehr/mimic-code/connect-mimic-code";
import { closeMimicCodeStores, materializePatient } from "../lib/ehr/mimic-code/materialize-patient";
import { registerMimicCode } from "../lib/ehr/mimic-code/register-mimic-code";
import { CliError, runCli } from "./cli";

const USAGE = "usage: npm run mimic-code -- register [--force] [--json] | materialize <subject_id>... [--json]";

await runCli(async ({ json }) => {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { force: { type: "boolean", default: false }, json: { type: "boolean", default: false } },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}; ${USAGE}`);
  }
  const [command, ...subjects] = parsed.positionals;
  if (command !== "register" && command !== "materialize") throw new CliError(USAGE);
  const database = await connectDatabase();
  try {
    await applyMigrations(database.url);
    const mimicUrl = await findMimicCodeUrl({ ...process.env, DATABASE_URL: database.url });
    if (!mimicUrl) {
      throw new CliError(
        "no mimic-code database: set MIMIC_DATABASE_URL (or load mimiciv_* schemas into the app database)",
      );
    }
    const log = json ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
    if (command === "register") {
      const summary = await registerMimicCode({ databaseUrl: database.url, mimicUrl, force: parsed.values.force, log });
      if (json) return summary;
      if (!summary.registered) return "already registered (--force registers again)";
      return `registered ${summary.patients.added} patients, ${summary.encounters.added} encounters from ${summary.tables.length} tables in ${summary.durationMs} ms`;
    }
    if (subjects.length === 0) throw new CliError(`no subject_id given; ${USAGE}`);
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      const { rows } = await pool.query<{ id: string; externalId: string }>(
        `SELECT id, "externalId" FROM patient WHERE source = 'mimic-iv' AND "externalId" = ANY($1)`,
        [subjects],
      );
      const missing = subjects.filter((subject) => !rows.some((row) => row.externalId === subject));
      if (missing.length) throw new CliError(`not registered: ${missing.join(", ")}`);
      const done = [];
      for (const row of rows) {
        const result = await materializePatient(pool, row.id, mimicUrl, log);
        done.push({ subject: row.externalId, materialized: result !== null, events: result?.events ?? null });
      }
      if (json) return { patients: done };
      const read = done.filter((patient) => patient.materialized).length;
      return `${read} patient(s) read in, ${done.length - read} read before`;
    } finally {
      await pool.end();
      await closeMimicCodeStores();
    }
  } finally {
    await database.release();
  }
});
