// The loader on real PostgreSQL with the real MIMIC-IV demo: every table lands whole with the
// file's rows in file order and the CSV importer's pandas column types; a re-run adds nothing;
// a broken file fails only its own table (named by file and line), leaves no staging table,
// and the next run resumes at that table; the disk check refuses before anything is written.
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import { samplePath } from "../../../test/ehr-samples";
import { ImportError } from "../import-record";
import { COLUMN_TYPES_SYSTEM } from "../mimic-iv/column-types";
import { readCsv } from "../mimic-iv/read-csv";
import { readMimicIv } from "../mimic-iv/read-mimic-iv";
import { DiskSpaceError, loadMimicCode } from "./load-mimic-code";
import { MIMIC_CODE_TABLES } from "./schema";

const DEMO = samplePath("mimic-iv-demo");

async function dataRows(file: string): Promise<number> {
  let records = 0;
  for await (const _ of readCsv(file, file, { maxRecordBytes: 1 << 24 })) records++;
  return records - 1;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("the demo", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("loads every table the app reads, whole, with the file's rows in file order", async () => {
    const summary = await loadMimicCode({ databaseUrl: db.url, paths: [DEMO] });
    // 23 of the tables the app reads are in the demo; d_hcpcs, drgcodes and the like are not read.
    expect(summary.tables).toHaveLength(23);
    expect(summary.ignored.map((file) => path.basename(file)).sort()).toEqual([
      "caregiver.csv.gz",
      "d_hcpcs.csv.gz",
      "drgcodes.csv.gz",
      "emar_detail.csv.gz",
      "hcpcsevents.csv.gz",
      "poe_detail.csv.gz",
      "provider.csv.gz",
    ]);
    for (const loaded of summary.tables) {
      expect(loaded.status).toBe("loaded");
      const file = path.join(DEMO, loaded.module, `${loaded.table}.csv.gz`);
      const expected = await dataRows(file);
      expect(loaded.rows, loaded.table).toBe(expected);
      const [counted] = await query<{ n: string; first: string; last: string }>(
        db.url,
        `SELECT count(*) AS n, min(source_row) AS first, max(source_row) AS last FROM mimiciv_${loaded.module}.${loaded.table}`,
      );
      expect([Number(counted.n), Number(counted.first), Number(counted.last)], loaded.table).toEqual([
        expected,
        1,
        expected,
      ]);
    }
    // source_row is the file's order: the file's first and last lab rows.
    const lines = gunzipSync(readFileSync(path.join(DEMO, "hosp/labevents.csv.gz")))
      .toString()
      .trimEnd()
      .split("\n");
    const ends = await query<{ labevent_id: number }>(
      db.url,
      `SELECT labevent_id FROM mimiciv_hosp.labevents WHERE source_row IN (1, ${lines.length - 1}) ORDER BY source_row`,
    );
    expect(ends.map((row) => String(row.labevent_id))).toEqual([lines[1].split(",")[0], lines.at(-1)!.split(",")[0]]);
    const staging = await query(db.url, `SELECT 1 FROM pg_tables WHERE tablename LIKE '%__loading'`);
    expect(staging).toHaveLength(0);
  }, 180_000);

  it("records the same pandas column types as the CSV importer", async () => {
    const expected: Record<string, unknown> = {};
    for await (const record of readMimicIv([DEMO], { reject: () => {}, skip: () => {} })) {
      if (record.kind === "concept" && record.system === COLUMN_TYPES_SYSTEM) expected[record.code] = record.attributes;
    }
    const rows = await query<{ code: string; attributes: unknown }>(
      db.url,
      `SELECT code, attributes FROM concept WHERE system = '${COLUMN_TYPES_SYSTEM}'`,
    );
    expect(Object.keys(expected)).toHaveLength(23);
    expect(Object.fromEntries(rows.map((row) => [row.code, row.attributes]))).toEqual(expected);
  }, 120_000);

  it("loads nothing again on a re-run", async () => {
    const before = await query<{ loaded_at: Date }>(db.url, `SELECT loaded_at FROM mimic_code_load ORDER BY 1`);
    const summary = await loadMimicCode({ databaseUrl: db.url, paths: [DEMO] });
    expect(summary.tables.map((table) => table.status)).toEqual(Array(23).fill("skipped"));
    expect(await query(db.url, `SELECT loaded_at FROM mimic_code_load ORDER BY 1`)).toEqual(before);
  });
});

describe("a broken or refused load", () => {
  let db: TestDatabase;
  let dir: string;
  const labevents = () => path.join(dir, "hosp/labevents.csv.gz");
  const good = readFileSync(path.join(DEMO, "hosp/labevents.csv.gz"));

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), "mimic-code-load-"));
    for (const table of ["patients", "d_labitems", "labevents"]) {
      cpSync(path.join(DEMO, `hosp/${table}.csv.gz`), path.join(dir, `hosp/${table}.csv.gz`));
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  const tablesIn = async () =>
    (
      await query<{ name: string }>(
        db.url,
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'mimiciv_hosp' ORDER BY 1`,
      )
    ).map((row) => row.name);

  it("refuses before writing anything when the disk is too small", async () => {
    const error = await loadMimicCode({ databaseUrl: db.url, paths: [dir], freeBytes: 1000 }).catch((e) => e);
    expect(error).toBeInstanceOf(DiskSpaceError);
    expect(String(error.message)).toMatch(
      /not enough disk: the tables to load need about [\d.]+ MB, \(given\) has 1000 B free/,
    );
    expect(await tablesIn()).toEqual([]);
  });

  it("fails the table with a bad value, naming file and line; the tables before it stay", async () => {
    const lines = gunzipSync(good).toString().split("\n");
    const fields = lines[4].split(",");
    fields[9] = "abc"; // valuenum, a DOUBLE PRECISION
    lines[4] = fields.join(",");
    writeFileSync(labevents(), gzipSync(lines.join("\n")));
    const error = await loadMimicCode({ databaseUrl: db.url, paths: [dir] }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toBe(
      `${labevents()}:5: invalid input syntax for type double precision: "abc"; column valuenum`,
    );
    expect(await tablesIn()).toEqual(["d_labitems", "patients"]);
    const ledger = await query<{ table_name: string }>(db.url, `SELECT table_name FROM mimic_code_load ORDER BY 1`);
    expect(ledger.map((row) => row.table_name)).toEqual(["d_labitems", "patients"]);
  });

  it("fails a truncated gzip, naming the file", async () => {
    writeFileSync(labevents(), good);
    truncateSync(labevents(), Math.floor(good.length / 2));
    const error = await loadMimicCode({ databaseUrl: db.url, paths: [dir] }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toMatch(new RegExp(`^${labevents()}: corrupt or truncated gzip after line \\d+`));
    expect(await tablesIn()).toEqual(["d_labitems", "patients"]);
  });

  it("resumes at the table that failed", async () => {
    writeFileSync(labevents(), good);
    const loaded: string[] = [];
    const summary = await loadMimicCode({
      databaseUrl: db.url,
      paths: [dir],
      onTable: (table) => loaded.push(`${table.table} ${table.status}`),
    });
    expect(loaded).toEqual(["d_labitems skipped", "patients skipped", "labevents loaded"]);
    expect(summary.tables.at(-1)!.rows).toBe(await dataRows(labevents()));
    expect(await tablesIn()).toEqual(["d_labitems", "labevents", "patients"]);
  });

  it("refuses a table in place from a different file, and one it did not load", async () => {
    writeFileSync(labevents(), gzipSync(gunzipSync(good).toString().split("\n").slice(0, 10).join("\n") + "\n"));
    await expect(loadMimicCode({ databaseUrl: db.url, paths: [dir] })).rejects.toThrow(
      /mimiciv_hosp.labevents was loaded from a file of \d+ bytes, this one has \d+/,
    );
    await query(db.url, `DELETE FROM mimic_code_load WHERE table_name = 'labevents'`);
    await expect(loadMimicCode({ databaseUrl: db.url, paths: [dir] })).rejects.toThrow(
      /mimiciv_hosp.labevents already exists and was not loaded here/,
    );
  });

  it("refuses a table whose referenced table is neither loaded nor given", async () => {
    const only = mkdtempSync(path.join(tmpdir(), "mimic-code-only-"));
    try {
      cpSync(path.join(DEMO, "icu/icustays.csv.gz"), path.join(only, "icustays.csv.gz"));
      await expect(loadMimicCode({ databaseUrl: db.url, paths: [only] })).rejects.toThrow(
        /icustays references mimiciv_hosp.admissions, which is neither loaded nor among the files/,
      );
    } finally {
      rmSync(only, { recursive: true, force: true });
    }
    expect(MIMIC_CODE_TABLES.find((table) => table.name === "icustays")!.foreignKeys).toHaveLength(2);
  });
});
