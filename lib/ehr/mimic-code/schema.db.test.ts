// Every table's SQL runs on PostgreSQL: created under a staging name with the row number,
// constrained, indexed and renamed into place, in loading order; and bare, as mimic-code has it.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import { constraintSql, createTableSql, indexSql, MIMIC_CODE_TABLES, renameSql, schemaName } from "./schema";

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client(db.url);
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await db.drop();
});

const MODULES = ["hosp", "icu", "ed", "note"] as const;

it("creates, constrains, indexes and renames every table", async () => {
  for (const name of MODULES) await client.query(`CREATE SCHEMA ${schemaName(name)}`);
  for (const table of MIMIC_CODE_TABLES) {
    const staging = `${table.name}__load`;
    await client.query(createTableSql(table, { name: staging, sourceRow: true }));
    for (const sql of constraintSql(table, staging)) await client.query(sql);
    for (const sql of indexSql(table, staging, { subjectIndex: true })) await client.query(sql);
    for (const sql of renameSql(table, staging, { subjectIndex: true, sourceRow: true })) await client.query(sql);
  }
  const { rows } = await client.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE schemaname = 'mimiciv_hosp' AND tablename = 'labevents' ORDER BY 1`,
  );
  expect(rows.map((row) => row.indexname)).toEqual([
    "labevents_idx01",
    "labevents_idx02",
    "labevents_pk",
    "labevents_subject",
  ]);
  const { rows: sequences } = await client.query(
    `SELECT 1 FROM pg_sequences WHERE schemaname = 'mimiciv_hosp' AND sequencename = 'labevents_source_row_seq'`,
  );
  expect(sequences).toHaveLength(1);
});

it("creates mimic-code's own tables, without the row number", async () => {
  for (const name of MODULES) await client.query(`DROP SCHEMA ${schemaName(name)} CASCADE`);
  for (const name of MODULES) await client.query(`CREATE SCHEMA ${schemaName(name)}`);
  for (const table of MIMIC_CODE_TABLES) {
    await client.query(createTableSql(table, { sourceRow: false }));
    for (const sql of [...constraintSql(table), ...indexSql(table, table.name, { subjectIndex: false })]) {
      await client.query(sql);
    }
  }
  const { rows } = await client.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema LIKE 'mimiciv_%' AND column_name = 'source_row'`,
  );
  expect(rows).toHaveLength(0);
});
