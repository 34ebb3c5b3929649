import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { importFiles } from "../ehr/import/import-files";
import { emptyRecordTables, withClient } from "../ehr/import/test-support";
import { generateDemoCohort } from "./generate-cohort";
import { generateLabEvents } from "./generate-lab-events";

let db: TestDatabase;
let dir: string;

function filesOf(root: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const folder of readdirSync(root)) {
    for (const name of readdirSync(path.join(root, folder))) {
      files[`${folder}/${name}`] = readFileSync(path.join(root, folder, name));
    }
  }
  return files;
}

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "ehr-demo-"));
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the synthetic demo cohort", () => {
  it("imports with zero rejections, with deaths, readmissions and every kind of event", async () => {
    const root = path.join(dir, "cohort");
    const generated = await generateDemoCohort(root, { patients: 12 });
    expect(generated).toMatchObject({ patients: 12, deaths: 2 });
    expect(generated.readmissions).toBeGreaterThanOrEqual(3);

    const summary = await importFiles({ databaseUrl: db.url, paths: [root] });
    expect(summary.rejected).toEqual([]);
    expect(summary.rejectedCount).toBe(0);
    expect(summary.patients.added).toBe(12);
    expect(summary.encounters.added).toBe(
      generated.admissions + generated.rows["icu/icustays"] + generated.rows["ed/edstays"],
    );
    expect(summary.skipped).toEqual({});

    await withClient(db.url, async (c) => {
      const categories = await c.query(`SELECT DISTINCT category::text FROM event ORDER BY 1`);
      expect(categories.rows.map((r) => r.category)).toEqual(
        [
          "admission",
          "diagnosis",
          "input",
          "lab",
          "medication",
          "microbiology",
          "note",
          // OMR's blood pressure, weight, height and BMI are vitals: the demo has no other OMR row.
          "order",
          "output",
          "procedure",
          "transfer",
          "vital",
        ].sort(),
      );
      const deaths = await c.query(`SELECT count(*)::int AS n FROM patient WHERE "deathTime" IS NOT NULL`);
      expect(deaths.rows[0].n).toBe(2);
      const inHospital = await c.query(
        `SELECT count(*)::int AS n FROM encounter WHERE attributes->>'hospital_expire_flag' = '1'`,
      );
      expect(inHospital.rows[0].n).toBe(2);
      const readmissions = await c.query(`
        SELECT count(*)::int AS n FROM encounter a JOIN encounter b ON a."patientId" = b."patientId"
        WHERE a.kind = 'admission' AND b.kind = 'admission' AND b.start > a."end" AND b.start <= a."end" + interval '30 days'`);
      expect(readmissions.rows[0].n).toBe(generated.readmissions);
      // Abnormal flags agree with the values and their reference ranges.
      const inconsistent = await c.query(`
        SELECT count(*)::int AS n FROM event WHERE category = 'lab'
        AND (flag IS NOT DISTINCT FROM 'abnormal') <> ("valueNum" < "refLow" OR "valueNum" > "refHigh")`);
      expect(inconsistent.rows[0].n).toBe(0);
      const titles = await c.query(
        `SELECT DISTINCT e.label, c.label AS title FROM event e JOIN concept c ON c.system = e."codeSystem" AND c.code = e.code WHERE e."sourceTable" = 'diagnoses_icd'`,
      );
      expect(titles.rows.length).toBeGreaterThan(5);
      for (const row of titles.rows) expect(row.label).toBe(row.title);
      // Some ED stays led to an admission (their parent), some ended at home.
      const edStays = await c.query(
        `SELECT count(*) FILTER (WHERE "parentId" IS NOT NULL)::int AS admitted, count(*) FILTER (WHERE "parentId" IS NULL)::int AS home FROM encounter WHERE kind = 'ed_stay'`,
      );
      expect(edStays.rows[0].admitted).toBeGreaterThan(0);
      expect(edStays.rows[0].home).toBeGreaterThan(0);
      const note = await c.query(`SELECT "valueText" FROM event WHERE "sourceTable" = 'discharge' LIMIT 1`);
      expect(note.rows[0].valueText).toMatch(/Brief Hospital Course:\n/);
    });
  });

  it("is the same for the same seed and different for another", async () => {
    await generateDemoCohort(path.join(dir, "a"), { patients: 3, seed: 42 });
    await generateDemoCohort(path.join(dir, "b"), { patients: 3, seed: 42 });
    await generateDemoCohort(path.join(dir, "c"), { patients: 3, seed: 43 });
    const [a, b, c] = ["a", "b", "c"].map((name) => filesOf(path.join(dir, name)));
    expect(Object.keys(a)).toHaveLength(28);
    for (const name of Object.keys(a)) expect(a[name].equals(b[name]), name).toBe(true);
    expect(a["hosp/labevents.csv.gz"].equals(c["hosp/labevents.csv.gz"])).toBe(false);
  });
});

describe("generateLabEvents", () => {
  it("writes exactly the rows asked for, importable as they are", async () => {
    await emptyRecordTables(db.url);
    const root = path.join(dir, "labs");
    const generated = await generateLabEvents(root, { rows: 5000, patients: 3 });
    expect(generated).toMatchObject({ rows: 5000, patients: 3 });
    const summary = await importFiles({ databaseUrl: db.url, paths: [root] });
    expect(summary.rejectedCount).toBe(0);
    // One admission event per patient besides the lab rows.
    expect(summary.events.added).toBe(5000 + 3);
  });
});
