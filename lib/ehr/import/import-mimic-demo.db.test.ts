// Imports the official MIMIC-IV Clinical Database Demo v2.2 (../shared/ehr-samples, never
// copied into the repository) for two subjects and checks real values against the files.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import { samplePath } from "../../../test/ehr-samples";
import { importFiles, type ImportSummary } from "./import-files";
import { EMPTY, tableCounts, withClient } from "./test-support";

const DEMO = samplePath("mimic-iv-demo");
const SUBJECTS = ["10000032", "10005817"];

/** Rows of a demo file whose `column`-th field (1-based) is `subject`: what zcat | awk says. */
function awkCount(file: string, column: number, subject: string): number {
  const output = execFileSync("sh", [
    "-c",
    `zcat "${path.join(DEMO, file)}" | awk -F, '$${column} == "${subject}"' | wc -l`,
  ]);
  return Number(output.toString().trim());
}

async function eventCount(subject: string, table: string): Promise<number> {
  const sql = `SELECT count(*) AS n FROM event e JOIN patient p ON p.id = e."patientId" WHERE p."externalId" = $1 AND e."sourceTable" = $2`;
  return withClient(db.url, async (c) => Number((await c.query(sql, [subject, table])).rows[0].n));
}

async function encounterCount(subject: string, kind: string): Promise<number> {
  const sql = `SELECT count(*) AS n FROM encounter e JOIN patient p ON p.id = e."patientId" WHERE p."externalId" = $1 AND e.kind = $2::encounter_kind`;
  return withClient(db.url, async (c) => Number((await c.query(sql, [subject, kind])).rows[0].n));
}

let db: TestDatabase;

// The samples are part of the test setup (DESIGN.md): missing, they fail the suite rather
// than skip it.
describe("importing the official MIMIC-IV demo", () => {
  it("finds the official demo files", () => {
    expect(existsSync(DEMO), `${DEMO} is missing`).toBe(true);
  });

  let dryRun: ImportSummary;
  let first: ImportSummary;

  beforeAll(async () => {
    db = await createTestDatabase();
    dryRun = await importFiles({ databaseUrl: db.url, paths: [DEMO], patients: SUBJECTS, dryRun: true });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("a dry run parses and validates everything and writes nothing", async () => {
    expect(dryRun.dryRun).toBe(true);
    expect(dryRun.rejectedCount).toBe(0);
    expect(dryRun.patients.added).toBe(2);
    expect(dryRun.events.added).toBeGreaterThan(3000);
    expect(await tableCounts(db.url)).toEqual(EMPTY);
    const job = await withClient(db.url, (c) =>
      c.query(`SELECT status, "dryRun" FROM import_job WHERE id = $1`, [dryRun.jobId]),
    );
    expect(job.rows[0]).toEqual({ status: "done", dryRun: true });
  });

  it("imports the selected subjects with the values the files hold", async () => {
    first = await importFiles({ databaseUrl: db.url, paths: [DEMO], patients: SUBJECTS });
    expect(first.rejectedCount).toBe(0);
    expect(first.patients).toEqual({ added: 2, skipped: 0 });
    // The dry run promised exactly what the import then did.
    expect(first.events).toEqual(dryRun.events);
    expect(first.encounters).toEqual(dryRun.encounters);
    expect(first.skipped["table drgcodes (not imported)"]).toBe(1);

    for (const s of SUBJECTS) {
      expect(await eventCount(s, "labevents")).toBe(awkCount("hosp/labevents.csv.gz", 2, s));
      expect(await eventCount(s, "diagnoses_icd")).toBe(awkCount("hosp/diagnoses_icd.csv.gz", 1, s));
      expect(await eventCount(s, "inputevents")).toBe(awkCount("icu/inputevents.csv.gz", 1, s));
      expect(await encounterCount(s, "admission")).toBe(awkCount("hosp/admissions.csv.gz", 1, s));
      expect(await encounterCount(s, "icu_stay")).toBe(awkCount("icu/icustays.csv.gz", 1, s));
    }
    expect(await eventCount("10000032", "labevents")).toBe(623);
    // Every ICU stay found the admission it belongs to.
    const orphans = await withClient(db.url, (c) =>
      c.query(`SELECT 1 FROM encounter WHERE kind = 'icu_stay' AND "parentId" IS NULL`),
    );
    expect(orphans.rowCount).toBe(0);
  }, 180_000); // the whole demo read and merged: slow on a loaded machine, never a goal

  it("keeps a lab row's values, names its itemid and links its admission", async () => {
    // hosp/labevents.csv.gz: 610,10000032,,61200592,50983,P28Z0X,2180-08-10 12:00:00,...,___,124,mEq/L,133,145,abnormal,ROUTINE,___
    const { rows } = await withClient(db.url, (c) =>
      c.query(`SELECT e.label, e.code, e."codeSystem", e."valueNum", e.unit, e."valueText", e."refLow", e."refHigh", e.flag,
                      e.time, e.category, e.attributes, e."encounterId"
               FROM event e WHERE e.provenance = 'labevents:610'`),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      label: "Sodium",
      code: "50983",
      codeSystem: "mimic-iv/d_labitems",
      valueNum: 124,
      unit: "mEq/L",
      valueText: "___",
      refLow: 133,
      refHigh: 145,
      flag: "abnormal",
      category: "lab",
      encounterId: null,
    });
    expect((rows[0].time as Date).toISOString()).toBe("2180-08-10T12:00:00.000Z");
    expect(rows[0].attributes).toMatchObject({
      labevent_id: "610",
      priority: "ROUTINE",
      comments: "___",
      valuenum: "124",
    });
    expect(rows[0].attributes).not.toHaveProperty("subject_id");
    expect(rows[0].attributes).not.toHaveProperty("hadm_id");
  });

  it("names ICD codes with their long titles and dates diagnoses at discharge", async () => {
    const { rows } = await withClient(db.url, (c) =>
      c.query(`SELECT e.label, e."codeSystem", e.time, enc."end", enc."externalId"
               FROM event e JOIN encounter enc ON enc.id = e."encounterId"
               WHERE e.provenance = 'diagnoses_icd:22841357:6:5715'`),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        label: "Cirrhosis of liver without mention of alcohol",
        codeSystem: "icd9-dx",
        externalId: "22841357",
      }),
    ]);
    expect(rows[0].time).toEqual(rows[0].end);
    const concept = await withClient(db.url, (c) =>
      c.query(`SELECT label FROM concept WHERE system = 'icd9-dx' AND code = '5715'`),
    );
    expect(concept.rows[0].label).toBe("Cirrhosis of liver without mention of alcohol");
  });

  it("importing the same files again adds nothing", async () => {
    const before = await tableCounts(db.url);
    const again = await importFiles({ databaseUrl: db.url, paths: [DEMO], patients: SUBJECTS });
    expect(again.patients).toEqual({ added: 0, skipped: 2 });
    expect(again.events.added).toBe(0);
    expect(again.events.skipped).toBe(first.events.added);
    expect(again.encounters.added).toBe(0);
    expect(again.concepts.added).toBe(0);
    expect(await tableCounts(db.url)).toEqual(before);
  }, 180_000); // the whole demo read and merged: slow on a loaded machine, never a goal
});
