// The SQL way of staging a table (csv-in-sql.ts) must stage exactly what the JavaScript reader
// would: the same events, the same rejections as file:line with the same reasons, the same
// --patients skips. Each case reads one file both ways and compares; a file the SQL way
// cannot judge exactly must go back to the JavaScript reader untouched.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import type { EventRecord, ImportRecord, Rejection } from "../import-record";
import { readMimicIv } from "../mimic-iv/read-mimic-iv";
import { CopyWriter } from "./copy-writer";
import { stageCsvInSql } from "./csv-in-sql";
import { RejectionLog } from "./rejection-log";
import { createStagingSql } from "./staging";

const HEADER =
  "labevent_id,subject_id,hadm_id,specimen_id,itemid,order_provider_id,charttime,storetime,value,valuenum,valueuom,ref_range_lower,ref_range_upper,flag,priority,comments";
const DICTIONARY =
  'itemid,label,fluid,category\n50983,Sodium,Blood,Chemistry\n50971,"Potassium, whole",Blood,Chemistry\n';

const GOOD_ROWS = [
  "1,1001,2001,101,50983,,2150-01-01 08:00:00,2150-01-01 09:00:00,140,140,mEq/L,133,145,,ROUTINE,",
  // Quoted commas and quotes, JSON-special characters, a T separator, decimals past milliseconds.
  '2,1001,,102,50971,P1,2150-01-01T08:00:00.123456,,"4,1","4.1",mEq/L,3.5,5.1,abnormal,STAT,"said ""high"" \\ ok"',
  // A date alone, exponents and signs, unicode, empty optional fields.
  "3,1002,2002,103,50983,,2150-02-28,2150-03-01 00:00:00.5,1e3,1e3,,-1.5,+2.,,,Ünïcødé ✓",
  "4,1002,2002,,50983,,2152-02-29 23:59:59,,<5,.5,mg,,,,ROUTINE,",
];
const BAD_ROWS = [
  "5,1001,x2001,105,50983,,2150-01-01 08:00:00,,1,1,,,,,,",
  "6,1001,,106,50983,,2150-01-01 08:00:00,,abc,abc,,,,,,",
  "8,1001,,108,50983,,2150-02-30 08:00:00,,1,1,,,,,,",
  "9,1001,,109,50983,,2150-01-01 24:00:00,,1,1,,,,,,",
  "10,1001,,110,50983,,2150-01-01 23:59:60,,1,1,,,,,,",
  "11,1001,,111,50983,,2151-02-29,,1,1,,,,,,",
  "12,1001,,112,99999,,2150-01-01 08:00:00,,1,1,,,,,,",
  "13,1001,,113,,,2150-01-01 08:00:00,,1,1,,,,,,",
  "14,1001,,114,50983,,,,1,1,,,,,,",
  "15,,,115,50983,,2150-01-01 08:00:00,,1,1,,,,,,",
  ",1001,,116,50983,,2150-01-01 08:00:00,,1,1,,,,,,",
  `17,1001,,117,50983,,1/1/2150 ${"x".repeat(70)},,1,1,,,,,,`,
];

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "ehr-csv-in-sql-"));
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function writeRelease(labevents: string | Buffer, gz = false): string {
  const root = mkdtempSync(path.join(dir, "case-"));
  mkdirSync(path.join(root, "hosp"));
  writeFileSync(path.join(root, "hosp/d_labitems.csv"), DICTIONARY);
  writeFileSync(
    path.join(root, gz ? "hosp/labevents.csv.gz" : "hosp/labevents.csv"),
    gz ? gzipSync(labevents) : labevents,
  );
  return root;
}

type Read = { events: EventRecord[]; rejected: Rejection[]; skipped: Record<string, number> };

/** The JavaScript reader's view of the release. */
async function readInJs(root: string, patients?: Set<string>, maxRecordBytes?: number): Promise<Read> {
  const read: Read = { events: [], rejected: [], skipped: {} };
  const records = readMimicIv([root], {
    patients,
    maxRecordBytes,
    reject: (rejection) => read.rejected.push(rejection),
    skip: (what) => (read.skipped[what] = (read.skipped[what] ?? 0) + 1),
  });
  for await (const record of records) if (record.kind === "event") read.events.push(record);
  return read;
}

/** The same release with labevents offered to the SQL way; `staged` says whether it took it. */
async function readInSql(
  root: string,
  patients?: Set<string>,
  maxRecordBytes?: number,
): Promise<Read & { staged: boolean }> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const sql of createStagingSql()) await client.query(sql);
    const writer = new CopyWriter(client);
    const log = new RejectionLog();
    const read: Read & { staged: boolean } = { events: [], rejected: log.listed, skipped: {}, staged: false };
    const records = readMimicIv([root], {
      patients,
      maxRecordBytes,
      reject: (rejection) => log.add(rejection),
      skip: (what) => (read.skipped[what] = (read.skipped[what] ?? 0) + 1),
      stageInSql: async (request) => {
        const staged = await stageCsvInSql(request, {
          client,
          writer,
          log,
          patients,
          skip: (what, count) => (read.skipped[what] = (read.skipped[what] ?? 0) + count),
          onLines: () => {},
        });
        read.staged = staged !== undefined;
        return read.staged;
      },
    });
    const jsEvents: ImportRecord[] = [];
    for await (const record of records) {
      if (record.kind === "event") jsEvents.push(record);
      const wait = writer.add(record);
      if (wait) await wait;
    }
    await writer.finish();
    const { rows } = await client.query(`SELECT * FROM stage_event ORDER BY seq`);
    read.events = rows.map((row) => ({
      kind: "event",
      patientExternalId: row.patient_external_id,
      encounterExternalId: row.encounter_external_id,
      time: row.time,
      endTime: row.end_time,
      category: row.category,
      sourceTable: row.source_table,
      codeSystem: row.code_system,
      code: row.code,
      label: row.label,
      valueNum: row.value_num,
      unit: row.unit,
      valueText: row.value_text,
      refLow: row.ref_low,
      refHigh: row.ref_high,
      flag: row.flag,
      attributes: row.attributes,
      provenance: row.provenance,
      origin: { file: row.origin_file, line: row.origin_line },
    }));
    await client.query("ROLLBACK");
    return read;
  } finally {
    await client.end();
  }
}

/** A JavaScript record as stage_event gives it back (absent fields are NULL). */
function normalized(record: EventRecord) {
  return {
    kind: "event",
    patientExternalId: record.patientExternalId,
    encounterExternalId: record.encounterExternalId ?? null,
    time: record.time,
    endTime: record.endTime ?? null,
    category: record.category,
    sourceTable: record.sourceTable,
    codeSystem: record.codeSystem ?? null,
    code: record.code ?? null,
    label: record.label,
    valueNum: record.valueNum ?? null,
    unit: record.unit ?? null,
    valueText: record.valueText ?? null,
    refLow: record.refLow ?? null,
    refHigh: record.refHigh ?? null,
    flag: record.flag ?? null,
    attributes: record.attributes ?? {},
    provenance: record.provenance,
    origin: record.origin,
  };
}

async function expectSameBothWays(root: string, staged: boolean, patients?: Set<string>) {
  const js = await readInJs(root, patients);
  const sql = await readInSql(root, patients);
  expect(sql.staged).toBe(staged);
  expect(sql.rejected).toEqual(js.rejected);
  expect(sql.skipped).toEqual(js.skipped);
  expect(sql.events).toEqual(js.events.map(normalized));
  return { js, sql };
}

describe("labevents staged in SQL", () => {
  it("stages good rows and rejects bad ones exactly as the JavaScript reader does", async () => {
    const root = writeRelease([HEADER, ...GOOD_ROWS, ...BAD_ROWS].join("\n") + "\n", true);
    const { sql } = await expectSameBothWays(root, true);
    expect(sql.events).toHaveLength(GOOD_ROWS.length);
    expect(sql.rejected.map((r) => r.line)).toEqual(BAD_ROWS.map((_, i) => GOOD_ROWS.length + 2 + i));
  });

  it("CRLF line endings, a byte order mark and no final newline", async () => {
    await expectSameBothWays(writeRelease("\ufeff" + [HEADER, ...GOOD_ROWS, BAD_ROWS[1]].join("\r\n")), true);
  });

  it("only the selected patients", async () => {
    const { sql } = await expectSameBothWays(
      writeRelease([HEADER, ...GOOD_ROWS, ...BAD_ROWS].join("\n")),
      true,
      new Set(["1002"]),
    );
    // Rows 3 and 4 are patient 1002's.
    expect(sql.skipped["rows of patients not selected"]).toBe(GOOD_ROWS.length + BAD_ROWS.length - 2);
  });

  it("columns in another order, and extra ones, by header name", async () => {
    const names = HEADER.split(",");
    const order = [...names.keys()].reverse();
    const reorder = (line: string) => {
      const fields = line.split(",");
      return [...order.map((i) => fields[i]), "extra"].join(",");
    };
    const rows = [GOOD_ROWS[0], GOOD_ROWS[3], BAD_ROWS[0], BAD_ROWS[7]];
    await expectSameBothWays(
      writeRelease([reorder(HEADER).replace(/extra$/, "note"), ...rows.map(reorder)].join("\n")),
      true,
    );
  });

  it("hands back what it cannot judge exactly: the JavaScript reader reads those files", async () => {
    const cases = [
      // A quoted line break: physical lines are no longer rows.
      [HEADER, GOOD_ROWS[0], `${BAD_ROWS[0].slice(0, -1)}"two\nlines"`, BAD_ROWS[1]],
      // A row of the wrong length, an empty line.
      [HEADER, GOOD_ROWS[0], "4,1001", BAD_ROWS[1]],
      [HEADER, GOOD_ROWS[0], "", BAD_ROWS[1]],
      // Numbers out of a double's range: JavaScript takes 1e-400 as 0 and refuses 1e999 as
      // Infinity; PostgreSQL refuses both.
      [HEADER, GOOD_ROWS[0].replace(",140,140,", ",1e-400,1e-400,")],
      [HEADER, GOOD_ROWS[0].replace(",140,140,", ",1e999,1e999,")],
      // Year 0000: a MIMIC time to JavaScript, not a PostgreSQL timestamp.
      [HEADER, GOOD_ROWS[0].replace(",2150-01-01 09:00:00,", ",0000-01-01 09:00:00,")],

      // A lone carriage return inside a field.
      [HEADER, GOOD_ROWS[0].replace(",ROUTINE,", ',"ROUT\rINE",')],
    ];
    for (const lines of cases) await expectSameBothWays(writeRelease(lines.join("\n") + "\n"), false);
  });

  it("a line longer than the record limit is the JavaScript reader's to refuse", async () => {
    const long = GOOD_ROWS[0].replace(",ROUTINE,", `,ROUTINE,${"x".repeat(2000)}`);
    const root = writeRelease([HEADER, GOOD_ROWS[1], long].join("\n"));
    const js = await readInJs(root, undefined, 1000).catch((error: Error) => error.message);
    const sql = await readInSql(root, undefined, 1000).catch((error: Error) => error.message);
    expect(js).toMatch(/labevents\.csv:3: row longer than the 1000-byte limit/);
    expect(sql).toBe(js);
  });
});
