// Column types per million-row chunk and file rows, on a table just over a million rows, the
// chunk boundary falling inside a block of pages: with source_row (our loader) and without
// (physical order, file-order.ts), the same types as DtypeTracker over the same texts.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import { TABLES_BY_NAME } from "../mimic-iv/tables";
import type { MimicCodeTable } from "./connect-mimic-code";
import { scanMimicCodeTable } from "./derive-column-types";
import { FileOrder } from "./file-order";

let db: TestDatabase;
let client: pg.Client;
const ROWS = 1_200_000;

const table = (name: string, hasSourceRow: boolean): MimicCodeTable => ({
  spec: TABLES_BY_NAME.get("labevents")!,
  qualified: `mimiciv_hosp.${name}`,
  display: `mimiciv_hosp.${name}`,
  columns: [
    { name: "subject_id", type: "integer" },
    { name: "valuenum", type: "double precision" },
    { name: "value", type: "character varying" },
    { name: "charttime", type: "timestamp without time zone" },
  ],
  hasSourceRow,
  subjectIndexed: false,
});

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`CREATE SCHEMA mimiciv_hosp`);
  // Row n (0-based): chunk 0 has whole, present values and one text value; chunk 1 has a
  // missing value and numbers only.
  const rows = `SELECT n % 1000, CASE WHEN n = 1000500 THEN NULL WHEN n < 1000000 THEN (n % 7)::float8 ELSE n + 0.5 END,
                  CASE WHEN n = 123 THEN 'abc' ELSE (n % 10)::text END, NULL::timestamp
                FROM generate_series(0, ${ROWS - 1}) n ORDER BY n`;
  await client.query(
    `CREATE TABLE mimiciv_hosp.plain (subject_id integer, valuenum float8, value varchar, charttime timestamp)`,
  );
  await client.query(`INSERT INTO mimiciv_hosp.plain ${rows}`);
  await client.query(
    `CREATE TABLE mimiciv_hosp.numbered (subject_id integer, valuenum float8, value varchar, charttime timestamp,
       source_row BIGINT GENERATED ALWAYS AS IDENTITY)`,
  );
  await client.query(`INSERT INTO mimiciv_hosp.numbered (subject_id, valuenum, value, charttime) ${rows}`);
}, 180_000);

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

const expected = [
  { subject_id: "int", valuenum: "int", value: "object", charttime: "float" },
  { subject_id: "int", valuenum: "float", value: "int", charttime: "float" },
];

describe("scanMimicCodeTable", () => {
  it("gives each chunk its own types, by source_row", async () => {
    const scan = await scanMimicCodeTable(client, table("numbered", true));
    expect(scan.fileOrder).toBeUndefined();
    expect(scan.columnTypes.map((concept) => [concept.code, concept.attributes])).toEqual([
      ["labevents:0", expected[0]],
      ["labevents:1", expected[1]],
    ]);
  });

  it("gives the same types by physical order, and counts the file-order index", async () => {
    const scan = await scanMimicCodeTable(client, table("plain", false));
    expect(scan.columnTypes.map((concept) => [concept.code, concept.attributes])).toEqual([
      ["labevents:0", expected[0]],
      ["labevents:1", expected[1]],
    ]);
    expect(scan.fileOrder!.rows).toBe(ROWS);
    // The million-row boundary falls inside a block of pages (the split path).
    const order = new FileOrder(table("plain", false), scan.fileOrder!);
    const boundary = await order.ctidOf(client, 1_000_000);
    expect(boundary.page % 1000).not.toBe(0);
    // File rows of physical rows: a row's rank among all rows, both ways.
    const { rows } = await client.query<{ ctid: string; n: string }>(
      `SELECT ctid::text AS ctid, (SELECT count(*) FROM mimiciv_hosp.plain p WHERE p.ctid < t.ctid) AS n
       FROM mimiciv_hosp.plain t WHERE ctid IN ('(0,1)', '(${boundary.page},${boundary.item})', '(${boundary.page + 1},3)')`,
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(await order.rowOf(client, row.ctid)).toBe(Number(row.n));
    const at = await order.rowOf(client, `(${boundary.page},${boundary.item})`);
    expect(at).toBe(1_000_000);
  });
});
