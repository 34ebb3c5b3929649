// For the mimic-code store's database tests: a database built from the MIMIC-IV demo files as
// mimic-code's own build does it (its typed tables, COPY, then keys and indexes), with or
// without our source_row, and a role that may only read it (the app must never write there).
import "server-only";
import { createReadStream, existsSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { inject } from "vitest";
import { createTestDatabase } from "../../../test/database";
import { samplePath } from "../../../test/ehr-samples";
import { constraintSql, copySql, createTableSql, indexSql, MIMIC_CODE_TABLES, schemaName } from "./schema";

export type MimicCodeTestDatabase = {
  /** The owner's URL (loads it). */
  url: string;
  /** A role with SELECT only. */
  readerUrl: string;
  drop: () => Promise<void>;
};

function withDatabase(url: string, name: string, user?: { name: string; password: string }): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  if (user) {
    parsed.username = user.name;
    parsed.password = user.password;
  }
  return parsed.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The demo's tables in a new database on the test server. `sourceRow`: as our loader builds
 * them (with source_row); without, exactly as mimic-code builds them. `subjectIndex` adds the
 * per-subject index (our loader always; a researcher may have made one).
 */
export async function createMimicCodeTestDatabase(options: {
  sourceRow: boolean;
  subjectIndex: boolean;
}): Promise<MimicCodeTestDatabase> {
  const server = inject("postgresUrl");
  const name = `m_${crypto.randomUUID().replaceAll("-", "")}`;
  const reader = { name: `r_${name}`, password: crypto.randomUUID() };
  await withClient(withDatabase(server, "postgres"), (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(server, name);
  await withClient(url, async (client) => {
    const loaded = [];
    for (const table of MIMIC_CODE_TABLES) {
      const file = samplePath("mimic-iv-demo", table.module, `${table.name}.csv.gz`);
      if (!existsSync(file)) continue;
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schemaName(table.module)}`);
      await client.query(createTableSql(table, { sourceRow: options.sourceRow }));
      await pipeline(createReadStream(file), createGunzip(), client.query(copyFrom(copySql(table))));
      loaded.push(table);
    }
    const present = new Set(loaded.map((table) => `${table.module}.${table.name}`));
    for (const table of loaded) {
      for (const sql of constraintSql(table)) {
        // A foreign key to a table the demo does not have (none today) would fail: skipped.
        const references = /REFERENCES "mimiciv_(\w+)"\."(\w+)"/.exec(sql);
        if (references && !present.has(`${references[1]}.${references[2]}`)) continue;
        await client.query(sql);
      }
      for (const sql of indexSql(table, table.name, {
        subjectIndex: options.subjectIndex,
        sourceRow: options.sourceRow,
      }))
        await client.query(sql);
    }
    await client.query(`CREATE ROLE "${reader.name}" LOGIN PASSWORD '${reader.password}'`);
    for (const schemaModule of new Set(loaded.map((table) => table.module))) {
      await client.query(`GRANT USAGE ON SCHEMA ${schemaName(schemaModule)} TO "${reader.name}"`);
      await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schemaName(schemaModule)} TO "${reader.name}"`);
    }
    await client.query(`ANALYZE`);
  });
  return {
    url,
    readerUrl: withDatabase(server, name, reader),
    drop: async () => {
      await withClient(withDatabase(server, "postgres"), async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.query(`DROP ROLE IF EXISTS "${reader.name}"`);
      });
    },
  };
}

/**
 * The demo loaded by our loader (`npm run load-mimic`: source_row, the per-subject index, the
 * column types as concepts) into a database of its own, and a role that may only read it.
 */
export async function createLoadedMimicCodeDatabase(): Promise<MimicCodeTestDatabase> {
  const database = await createTestDatabase();
  const { loadMimicCode } = await import("./load-mimic-code");
  await loadMimicCode({ databaseUrl: database.url, paths: [samplePath("mimic-iv-demo")], freeBytes: 1e12 });
  const reader = { name: `r_${crypto.randomUUID().replaceAll("-", "")}`, password: crypto.randomUUID() };
  await withClient(database.url, async (client) => {
    await client.query(`CREATE ROLE "${reader.name}" LOGIN PASSWORD '${reader.password}'`);
    for (const schema of ["mimiciv_hosp", "mimiciv_icu"]) {
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO "${reader.name}"`);
      await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO "${reader.name}"`);
    }
    await client.query(`GRANT SELECT ON concept TO "${reader.name}"`);
  });
  const readerUrl = new URL(database.url);
  readerUrl.username = reader.name;
  readerUrl.password = reader.password;
  return {
    url: database.url,
    readerUrl: readerUrl.toString(),
    drop: async () => {
      await database.drop();
      await withClient(withDatabase(inject("postgresUrl"), "postgres"), (client) =>
        client.query(`DROP ROLE IF EXISTS "${reader.name}"`),
      );
    },
  };
}
