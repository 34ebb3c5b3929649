// The EHR-R1 authors' 1,031 prompts for two MIMIC-IV demo patients against the app's, end to
// end: the demo CSVs imported by the real importer into a throwaway PostgreSQL, each sample's
// record read as a run reads it (read-record.ts), its prompt built as a run builds it
// (build-run-prompt.ts). Identical bytes, every one (docs/predictions.md: "How faithful the prompt is").
import pg from "pg";
import { evaluationPrompt } from "../../runs/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import { samplePath } from "../../../test/ehr-samples";
import { importFiles } from "../../ehr/import/import-files";
import { firstDifference, goldenCutoff, GOLDEN_SUBJECTS, readGoldenSamples } from "../testing/authors-golden";

let db: TestDatabase;
let pool: pg.Pool;
const patientIds = new Map<string, string>();

beforeAll(async () => {
  db = await createTestDatabase();
  const summary = await importFiles({
    databaseUrl: db.url,
    paths: [samplePath("mimic-iv-demo")],
    patients: GOLDEN_SUBJECTS,
  });
  expect(summary.rejectedCount).toBe(0);
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const { rows } = await pool.query<{ id: string; externalId: string }>(`SELECT id, "externalId" FROM patient`);
  for (const row of rows) patientIds.set(row.externalId, row.id);
}, 180_000);

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe("the app's prompt for the authors' samples, through the database", () => {
  it("is byte for byte the authors' prompt for every one of the 1,031 samples", async () => {
    const samples = readGoldenSamples();
    expect(samples).toHaveLength(1031);
    const mismatches: string[] = [];
    for (const sample of samples) {
      // A run on an EHR-R1 backend in its default (evaluation) thinking mode.
      const prompt = await evaluationPrompt(pool, {
        patientId: patientIds.get(sample.subject_id)!,
        subjectId: sample.subject_id,
        taskKey: sample.task,
        cutoff: goldenCutoff(sample),
        throughAdmission: sample.task_type === "risk_prediction",
      });
      const [system, user] = prompt.messages;
      if (system.content !== sample.system || user.content !== sample.user) {
        mismatches.push(
          `${sample.subject_id} ${sample.task} @${sample.at}: ${firstDifference(sample.user, user.content)}`,
        );
      }
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(mismatches).toHaveLength(0);
  }, 300_000);
});
