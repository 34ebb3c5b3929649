// Each kind of bad (or merely awkward) input, as small real files in a temp folder, imported
// for real. Fatal problems must name file and line and land nothing; bad rows must be
// rejected as file:line with the reason while the rest lands.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import { ImportError } from "../import-record";
import { importFiles, type ImportOptions } from "./import-files";
import { EMPTY, emptyRecordTables, tableCounts, withClient } from "./test-support";

const LAB_HEADER =
  "labevent_id,subject_id,hadm_id,specimen_id,itemid,order_provider_id,charttime,storetime,value,valuenum,valueuom,ref_range_lower,ref_range_upper,flag,priority,comments";

function lab(id: number, subject: number, itemid: number, charttime: string, value: string, comments = ""): string {
  return `${id},${subject},,${id + 100},${itemid},,${charttime},${charttime},${value},${value},mEq/L,133,145,,ROUTINE,${comments}`;
}

const BASE: Record<string, string> = {
  "hosp/patients.csv": [
    "subject_id,gender,anchor_age,anchor_year,anchor_year_group,dod",
    "1001,F,60,2150,2011 - 2013,",
    "1002,M,70,2150,2011 - 2013,2151-03-04",
  ].join("\n"),
  "hosp/d_labitems.csv": [
    "itemid,label,fluid,category",
    "50983,Sodium,Blood,Chemistry",
    "50971,Potassium,Blood,Chemistry",
  ].join("\n"),
  "hosp/labevents.csv": [
    LAB_HEADER,
    lab(1, 1001, 50983, "2150-01-01 08:00:00", "140"),
    lab(2, 1001, 50971, "2150-01-01 08:00:00", "4.1"),
    lab(3, 1002, 50983, "2150-01-02 08:00:00", "128"),
  ].join("\n"),
};

let db: TestDatabase;
let dir: string;

/** Writes the base tables with `changes` applied (null removes a file) and imports them. */
function writeTables(changes: Record<string, string | Buffer | null> = {}): string {
  const root = mkdtempSync(path.join(dir, "case-"));
  const files: Record<string, string | Buffer | null> = { ...BASE, ...changes };
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

function run(root: string, options: Partial<ImportOptions> = {}) {
  return importFiles({ databaseUrl: db.url, paths: [root], ...options });
}

async function expectFatal(root: string, message: RegExp, options: Partial<ImportOptions> = {}) {
  const error = await run(root, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect((error as Error).message).toMatch(message);
  expect(await tableCounts(db.url)).toEqual(EMPTY);
  const job = await withClient(db.url, (c) => c.query(`SELECT status, error FROM import_job`));
  expect(job.rows).toEqual([{ status: "failed", error: (error as Error).message }]);
}

const labFile = (root: string) => path.join(root, "hosp/labevents.csv");

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "ehr-bad-input-"));
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await emptyRecordTables(db.url);
});

describe("fatal: nothing lands, the error names file and line", () => {
  it("a missing column", async () => {
    // The base rows hold no quoted commas: splitting on "," is exact.
    const at = LAB_HEADER.split(",").indexOf("valuenum");
    const without = BASE["hosp/labevents.csv"]
      .split("\n")
      .map((line) =>
        line
          .split(",")
          .filter((_, i) => i !== at)
          .join(","),
      )
      .join("\n");
    await expectFatal(writeTables({ "hosp/labevents.csv": without }), /labevents\.csv:1: missing column valuenum/);
  });

  it("a renamed column", async () => {
    const renamed = BASE["hosp/labevents.csv"].replace("valuenum", "value_num");
    await expectFatal(writeTables({ "hosp/labevents.csv": renamed }), /labevents\.csv:1: missing column valuenum/);
  });

  it("an unknown table", async () => {
    await expectFatal(
      writeTables({ "hosp/labevent.csv": BASE["hosp/labevents.csv"] }),
      /labevent\.csv: unknown table "labevent"/,
    );
  });

  it("a table without the dictionary that names its codes", async () => {
    await expectFatal(writeTables({ "hosp/d_labitems.csv": null }), /labevents\.csv: labevents needs d_labitems/);
  });

  it("a truncated gzip", async () => {
    const gz = gzipSync(Buffer.from(BASE["hosp/labevents.csv"]));
    const root = writeTables({ "hosp/labevents.csv": null, "hosp/labevents.csv.gz": gz.subarray(0, gz.length - 12) });
    await expectFatal(root, /labevents\.csv\.gz: corrupt or truncated gzip/);
  });

  it("a file that is not UTF-8", async () => {
    const latin1 = Buffer.from(
      [
        LAB_HEADER,
        lab(1, 1001, 50983, "2150-01-01 08:00:00", "140"),
        lab(2, 1001, 50971, "2150-01-01 08:00:00", "4.1", "caf\u00e9"),
      ].join("\n"),
      "latin1",
    );
    await expectFatal(
      writeTables({ "hosp/labevents.csv": latin1 }),
      /labevents\.csv:3: not UTF-8: byte 0xe9 on line 3/,
    );
  });

  it("an empty file", async () => {
    await expectFatal(writeTables({ "hosp/labevents.csv": "" }), /labevents\.csv: empty file: no header row/);
  });

  it("a line longer than the record limit (the 1 GB line, scaled down)", async () => {
    const long = lab(2, 1001, 50971, "2150-01-01 08:00:00", "4.1", "x".repeat(5000));
    const root = writeTables({
      "hosp/labevents.csv": [LAB_HEADER, lab(1, 1001, 50983, "2150-01-01 08:00:00", "140"), long].join("\n"),
    });
    await expectFatal(root, /labevents\.csv:3: row longer than the 2000-byte limit/, { maxRecordBytes: 2000 });
    // The same file is fine under the default limit.
    expect((await run(root)).events.added).toBe(2);
  });

  it("a NUL character, which PostgreSQL cannot store", async () => {
    const root = writeTables({
      "hosp/labevents.csv": [LAB_HEADER, lab(1, 1001, 50983, "2150-01-01 08:00:00", "140", "bad\0byte")].join("\n"),
    });
    await expectFatal(root, /labevents\.csv:2: row contains a NUL character/);
  });

  it("a quote that is never closed", async () => {
    const root = writeTables({
      "hosp/labevents.csv": [LAB_HEADER, lab(1, 1001, 50983, "2150-01-01 08:00:00", "140", '"never closed')].join("\n"),
    });
    await expectFatal(root, /labevents\.csv:2: a quoted field opened here is never closed/);
  });
});

describe("rejected rows: reported as file:line with the reason, the rest lands", () => {
  async function expectRejected(changes: Record<string, string>, line: number, reason: RegExp, landed: number) {
    const root = writeTables(changes);
    const summary = await run(root);
    expect(summary.rejected).toEqual([{ file: labFile(root), line, reason: expect.stringMatching(reason) }]);
    expect(summary.rejectedCount).toBe(1);
    expect(summary.events.added).toBe(landed);
    expect((await tableCounts(db.url)).event).toBe(landed);
    const job = await withClient(db.url, (c) => c.query(`SELECT status, rejected FROM import_job`));
    expect(job.rows[0].status).toBe("done");
    expect(job.rows[0].rejected).toEqual(summary.rejected);
  }

  const withRow = (row: string) => ({ "hosp/labevents.csv": `${BASE["hosp/labevents.csv"]}\n${row}` });

  it("a bad timestamp", async () => {
    await expectRejected(
      withRow(lab(4, 1001, 50983, "2150-02-30 08:00:00", "139")),
      5,
      /^bad charttime: "2150-02-30 08:00:00"/,
      3,
    );
  });

  it("a non-numeric value in a numeric column", async () => {
    const row = lab(4, 1001, 50983, "2150-01-03 08:00:00", "139").replace(",139,139,", ",139,abc,");
    await expectRejected(withRow(row), 5, /^non-numeric valuenum: "abc"$/, 3);
  });

  it("a lab row whose itemid is not in d_labitems", async () => {
    await expectRejected(
      withRow(lab(4, 1001, 99999, "2150-01-03 08:00:00", "139")),
      5,
      /^itemid 99999 is not in d_labitems$/,
      3,
    );
  });

  it("a row for a subject not in patients (nor in the database)", async () => {
    await expectRejected(withRow(lab(4, 4242, 50983, "2150-01-03 08:00:00", "139")), 5, /^unknown patient 4242/, 3);
  });

  it("a row with the wrong number of fields", async () => {
    await expectRejected(withRow("4,1001,,104,50983"), 5, /^expected 16 fields, found 5$/, 3);
  });

  it("a repeated key with different values", async () => {
    await expectRejected(
      withRow(lab(2, 1001, 50971, "2150-01-01 08:00:00", "4.9")),
      5,
      /^labevents:2: same key as .*labevents\.csv:3 but different values$/,
      3,
    );
  });
});

describe("accepted as they are", () => {
  it("exact duplicate rows are dropped once and counted", async () => {
    const duplicated = `${BASE["hosp/labevents.csv"]}\n${lab(2, 1001, 50971, "2150-01-01 08:00:00", "4.1")}`;
    const summary = await run(writeTables({ "hosp/labevents.csv": duplicated }));
    expect(summary.rejectedCount).toBe(0);
    expect(summary.events).toEqual({ added: 3, skipped: 1 });
    expect(summary.skipped["duplicate rows"]).toBe(1);
  });

  it("a UTF-8 byte order mark", async () => {
    const summary = await run(writeTables({ "hosp/patients.csv": `\ufeff${BASE["hosp/patients.csv"]}` }));
    expect(summary.patients.added).toBe(2);
    expect(summary.rejectedCount).toBe(0);
  });

  it("CRLF line endings", async () => {
    const crlf = Object.fromEntries(
      Object.entries(BASE).map(([name, text]) => [
        name,
        text.replace("ROUTINE,", "ROUTINE,fine").replaceAll("\n", "\r\n") + "\r\n",
      ]),
    );
    const summary = await run(writeTables(crlf));
    expect(summary.rejectedCount).toBe(0);
    expect(summary.events.added).toBe(3);
    const { rows } = await withClient(db.url, (c) =>
      c.query(`SELECT attributes->>'comments' AS comments FROM event ORDER BY provenance`),
    );
    expect(rows.map((r) => r.comments)).toEqual(["fine", null, null]);
    const patient = await withClient(db.url, (c) =>
      c.query(`SELECT "deathTime" FROM patient WHERE "externalId" = '1002'`),
    );
    expect(patient.rows[0].deathTime.toISOString()).toBe("2151-03-04T00:00:00.000Z");
  });

  it("quoted fields with newlines, commas and quotes; later lines are still numbered right", async () => {
    const comment = '"first line\nsecond, with a comma\r\nthird ""quoted"""';
    const root = writeTables({
      "hosp/labevents.csv": [
        LAB_HEADER,
        lab(1, 1001, 50983, "2150-01-01 08:00:00", "140", comment),
        lab(2, 1001, 50971, "2150-01-01 08:00:00", "4.1"),
        lab(3, 1002, 50983, "not a time", "128"),
      ].join("\n"),
    });
    const summary = await run(root);
    expect(summary.rejected).toEqual([
      { file: labFile(root), line: 6, reason: expect.stringMatching(/^bad charttime/) },
    ]);
    const { rows } = await withClient(db.url, (c) =>
      c.query(`SELECT attributes->>'comments' AS comments FROM event WHERE provenance = 'labevents:1'`),
    );
    expect(rows[0].comments).toBe('first line\nsecond, with a comma\r\nthird "quoted"');
  });

  it("only the selected patients", async () => {
    const summary = await run(writeTables(), { patients: ["1002"] });
    expect(summary.patients.added).toBe(1);
    expect(summary.events.added).toBe(1);
    expect(summary.skipped["rows of patients not selected"]).toBe(3);
  });
});
