// The typed schema against the real files: every column of the MIMIC-IV demo's tables is in
// MIMIC_CODE_TABLES, in the file's order (COPY names the columns in that order), and the schema
// covers exactly the tables the app reads, each after the tables its foreign keys reference.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { samplePath } from "../../../test/ehr-samples";
import { readCsv } from "../mimic-iv/read-csv";
import { TABLES } from "../mimic-iv/tables";
import {
  constraintSql,
  createTableSql,
  indexSql,
  MIMIC_CODE_TABLES,
  MIMIC_CODE_TABLES_BY_KEY,
  renameSql,
  schemaName,
} from "./schema";

const DEMO = samplePath("mimic-iv-demo");

async function headerOf(file: string): Promise<string[]> {
  for await (const { fields } of readCsv(file, file, { maxRecordBytes: 1 << 20 })) return fields;
  throw new Error(`no header in ${file}`);
}

describe("MIMIC_CODE_TABLES", () => {
  it("has every table the app reads, and only those", () => {
    const read = TABLES.filter((spec) => spec.toRecords).map((spec) => `${spec.module}.${spec.name}`);
    expect(MIMIC_CODE_TABLES.map((table) => `${table.module}.${table.name}`).sort()).toEqual(read.sort());
  });

  it("has each demo file's columns in the file's order", async () => {
    let checked = 0;
    // The demo has hosp and icu only (no ED or note module, and no chartevents).
    for (const folder of ["hosp", "icu"]) {
      const dir = path.join(DEMO, folder);
      for (const file of readdirSync(dir)) {
        const table = MIMIC_CODE_TABLES_BY_KEY.get(`${folder}.${file.replace(/\.csv(\.gz)?$/, "")}`);
        if (!table) continue;
        // The demo's procedureevents writes two names in capitals (ORIGINALAMOUNT): the same
        // columns; COPY maps by position, not by the header's spelling.
        const header = (await headerOf(path.join(dir, file))).map((name) => name.toLowerCase());
        expect(
          table.columns.map((column) => column.name),
          file,
        ).toEqual(header);
        checked++;
      }
    }
    expect(checked).toBe(23);
  });

  it("puts every table after the tables it references", () => {
    const seen = new Set<string>();
    for (const table of MIMIC_CODE_TABLES) {
      for (const key of table.foreignKeys ?? [])
        expect(seen, `${table.name} → ${key.references.table}`).toContain(key.references.table);
      seen.add(`${table.module}.${table.name}`);
    }
  });
});

describe("SQL", () => {
  const labevents = MIMIC_CODE_TABLES_BY_KEY.get("hosp.labevents")!;

  it("is mimic-code's table without sourceRow, plus the row number with it", () => {
    expect(schemaName("icu")).toBe("mimiciv_icu");
    const bare = createTableSql(labevents, { sourceRow: false });
    expect(bare).toContain(`CREATE TABLE "mimiciv_hosp"."labevents"`);
    expect(bare).toContain(`"valuenum" DOUBLE PRECISION`);
    expect(bare).not.toContain("source_row");
    expect(createTableSql(labevents, { name: "labevents__load", sourceRow: true })).toContain(
      `"labevents__load" (\n  "labevent_id" INTEGER NOT NULL,`,
    );
    expect(createTableSql(labevents, { sourceRow: true })).toContain("source_row BIGINT GENERATED ALWAYS AS IDENTITY");
  });

  it("builds keys and indexes under a staging name, renamed into place after", () => {
    expect(constraintSql(labevents, "x")).toEqual([
      `ALTER TABLE "mimiciv_hosp"."x" ADD CONSTRAINT "x_pk" PRIMARY KEY ("labevent_id")`,
      `ALTER TABLE "mimiciv_hosp"."x" ADD CONSTRAINT "x_patients_fk" FOREIGN KEY ("subject_id") REFERENCES "mimiciv_hosp"."patients" ("subject_id")`,
      `ALTER TABLE "mimiciv_hosp"."x" ADD CONSTRAINT "x_d_labitems_fk" FOREIGN KEY ("itemid") REFERENCES "mimiciv_hosp"."d_labitems" ("itemid")`,
    ]);
    expect(indexSql(labevents, "x", { subjectIndex: true })).toEqual([
      `CREATE INDEX "x_idx01" ON "mimiciv_hosp"."x" ("charttime", "storetime")`,
      `CREATE INDEX "x_idx02" ON "mimiciv_hosp"."x" ("specimen_id")`,
      `CREATE INDEX "x_subject" ON "mimiciv_hosp"."x" ("subject_id", "charttime", "source_row")`,
    ]);
    expect(indexSql(labevents, "labevents", { subjectIndex: false })).toHaveLength(2);
    expect(renameSql(labevents, "x", { subjectIndex: true })).toContain(
      `ALTER INDEX "mimiciv_hosp"."x_subject" RENAME TO "labevents_subject"`,
    );
  });
});
