// The golden fidelity test on the mimic-code store: the demo loaded into mimic-code's typed
// tables (as mimic-code's own build makes them, and as our loader makes them, with
// source_row), registered, the two golden subjects materialized, and each of the authors'
// 1,031 samples read and built as a run does (read-record.ts, build-run-prompt.ts). Identical
// bytes, every one, as on the CSV import (authors-prompts.db.test.ts, the same loop).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import { readRecordUpTo } from "../../runs/read-record";
import { buildRunPrompt } from "../../runs/build-run-prompt";
import { firstDifference, goldenCutoff, GOLDEN_SUBJECTS, readGoldenSamples } from "../../model/testing/authors-golden";
import { closeMimicCodeStores, materializePatient } from "./materialize-patient";
import { createMimicCodeTestDatabase, type MimicCodeTestDatabase } from "./mimic-code-test-database";
import { registerMimicCode } from "./register-mimic-code";

describe.each([
  { store: "an existing mimic-code database (no source_row: file order by ctid)", sourceRow: false },
  { store: "our loader's tables (source_row)", sourceRow: true },
])("the authors' prompts from $store", ({ sourceRow }) => {
  let db: TestDatabase;
  let mimic: MimicCodeTestDatabase;
  let pool: pg.Pool;
  const patientIds = new Map<string, string>();

  beforeAll(async () => {
    [db, mimic] = await Promise.all([
      createTestDatabase(),
      createMimicCodeTestDatabase({ sourceRow, subjectIndex: true }),
    ]);
    const summary = await registerMimicCode({ databaseUrl: db.url, mimicUrl: mimic.readerUrl, log: () => {} });
    expect(summary.rejectedCount).toBe(0);
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    const { rows } = await pool.query<{ id: string; externalId: string }>(
      `SELECT id, "externalId" FROM patient WHERE "externalId" = ANY($1)`,
      [GOLDEN_SUBJECTS],
    );
    for (const row of rows) {
      patientIds.set(row.externalId, row.id);
      const done = await materializePatient(pool, row.id, mimic.readerUrl, () => {});
      expect(done?.rejected).toBe(0);
    }
    expect(patientIds.size).toBe(2);
  }, 300_000);

  afterAll(async () => {
    await closeMimicCodeStores();
    await pool?.end();
    await db?.drop();
    await mimic?.drop();
  });

  it("is byte for byte the authors' prompt for every one of the 1,031 samples", async () => {
    const samples = readGoldenSamples();
    expect(samples).toHaveLength(1031);
    const mismatches: string[] = [];
    for (const sample of samples) {
      const cutoff = goldenCutoff(sample);
      const throughAdmission = sample.task_type === "risk_prediction";
      const record = await readRecordUpTo(pool, patientIds.get(sample.subject_id)!, cutoff, { throughAdmission });
      const { prompt } = await buildRunPrompt(record, {
        patientId: sample.subject_id,
        taskKey: sample.task,
        cutoff,
        directAnswer: false,
        thinking: "evaluation",
        contextTokens: 32_000,
        answerTokens: 4_096,
        tokens: { via: "estimate" },
        baseline: false,
      });
      const [system, user] = prompt.messages;
      if (system.content !== sample.system || user.content !== sample.user) {
        mismatches.push(
          `${sample.subject_id} ${sample.task} @${sample.at}: ${firstDifference(sample.user, user.content)}`,
        );
      }
    }
    console.log(`mismatches: ${mismatches.length}`, mismatches.slice(0, 3));
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(mismatches).toHaveLength(0);
  }, 300_000);
});
