// The tee beside COPY records the same pandas column types as the CSV importer, on files made
// to be awkward (quotes, CRLF, a BOM, blank lines, short rows, pandas' missing-value words,
// long integers, booleans, a quoted field over lines), fed in chunks that split fields, and
// across a million-row chunk boundary. The demo's real tables are compared in
// load-mimic-code.db.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterAll, describe, expect, it } from "vitest";
import { PANDAS_CHUNK_ROWS } from "../../model/prompt/pandas-values";
import { COLUMN_TYPES_SYSTEM } from "../mimic-iv/column-types";
import { readMimicIv } from "../mimic-iv/read-mimic-iv";
import { DtypeTee } from "./track-dtypes";

const dir = mkdtempSync(path.join(tmpdir(), "dtype-tee-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function importerTypes(file: string) {
  const types: Record<string, unknown> = {};
  for await (const record of readMimicIv([file], { reject: () => {}, skip: () => {} })) {
    if (record.kind === "concept" && record.system === COLUMN_TYPES_SYSTEM) types[record.code] = record.attributes;
  }
  return types;
}

async function teeTypes(content: Buffer, chunkBytes: number) {
  const chunks: Buffer[] = [];
  for (let at = 0; at < content.length; at += chunkBytes) chunks.push(content.subarray(at, at + chunkBytes));
  const tee = new DtypeTee("omr");
  await pipeline(Readable.from(chunks), tee, new Writable({ write: (_chunk, _encoding, done) => done() }));
  return { types: Object.fromEntries(tee.concepts.map((concept) => [concept.code, concept.attributes])), tee };
}

// omr's required columns, then columns holding each awkward case.
const HEADER = "subject_id,chartdate,seq_num,result_name,result_value,a,b,c,d,e,f,g";
const ROWS = [
  `10,2150-01-01,1,"Weight, ""Lbs""",182,NaN,12345678901234567890, 7 ,True,,1e5,"3"`,
  `10,2150-01-02,1,BMI,27.1,null,1,-8,False,,.5,"4"`,
  ``,
  `11,2150-01-03,2,"Blood
Pressure",120/80,n/a,2,+3,true,,5.,"x""y"`,
  `12,2150-01-04,3,eGFR,74`,
  `12,2150-01-05,3,eGFR,74,None,3,4,1,,1e,"5"`,
];

describe("DtypeTee", () => {
  for (const [name, eol, bom] of [
    ["LF", "\n", ""],
    ["CRLF and a BOM", "\r\n", "\uFEFF"],
  ] as const) {
    it(`agrees with the CSV importer (${name}), whatever the chunk size`, async () => {
      const text = bom + [HEADER, ...ROWS].join(eol) + eol;
      const file = path.join(dir, "omr.csv");
      writeFileSync(file, text);
      const expected = await importerTypes(file);
      expect(Object.keys(expected)).toEqual(["omr:0"]);
      for (const size of [1, 2, 7, 64, 1 << 16]) {
        const { types, tee } = await teeTypes(Buffer.from(text), size);
        expect(types, `chunks of ${size} bytes`).toEqual(expected);
        expect(tee.rows).toBe(5);
        // The quoted field over two lines: the record after it starts two lines further on.
        expect(tee.lineOfRecord(6)).toBe(8);
      }
    });
  }

  it("starts a new set of types at each million-row chunk", async () => {
    const lines = [HEADER];
    for (let i = 0; i < PANDAS_CHUNK_ROWS; i++) lines.push("1,2150-01-01,1,x,1,1,1,1,1,1,1,1");
    lines.push("1,2150-01-01,1,x,1.5,,1,1,1,1,1,1");
    const text = lines.join("\n") + "\n";
    const file = path.join(dir, "omr.csv");
    writeFileSync(file, text);
    const expected = await importerTypes(file);
    expect(Object.keys(expected)).toEqual(["omr:0", "omr:1"]);
    const { types } = await teeTypes(Buffer.from(text), 1 << 16);
    expect(types).toEqual(expected);
  }, 120_000);
});
