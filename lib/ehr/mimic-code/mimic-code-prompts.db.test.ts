// The golden fidelity test on the mimic-code store: the demo in mimic-code's typed tables
// (loaded by our loader, with source_row and the column types it records; and as mimic-code's
// own build makes them, without either), registered, the two golden subjects materialized,
// and each of the authors' 1,031 samples read and built as a run does (read-record.ts,
// build-run-prompt.ts), the same loop as authors-prompts.db.test.ts. With source_row:
// identical bytes, every one. Without, rows come in physical order, which is not quite file
// order even straight after COPY (READING.md here): some prompts list same-time rows in
// another order, and nothing else differs.
import pg from "pg";
import { evaluationPrompt } from "../../runs/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import { firstDifference, goldenCutoff, GOLDEN_SUBJECTS, readGoldenSamples } from "../../model/testing/authors-golden";
import { closeMimicCodeStores, materializePatient } from "./materialize-patient";
import {
  createLoadedMimicCodeDatabase,
  createMimicCodeTestDatabase,
  type MimicCodeTestDatabase,
} from "./mimic-code-test-database";
import { registerMimicCode } from "./register-mimic-code";

describe.each([
  { store: "our loader's tables (npm run load-mimic: source_row, types recorded)", sourceRow: true },
  { store: "an existing mimic-code database (no source_row: physical order)", sourceRow: false },
])("the authors' prompts from $store", ({ sourceRow }) => {
  let db: TestDatabase;
  let mimic: MimicCodeTestDatabase;
  let pool: pg.Pool;
  const patientIds = new Map<string, string>();

  beforeAll(async () => {
    [db, mimic] = await Promise.all([
      createTestDatabase(),
      sourceRow ? createLoadedMimicCodeDatabase() : createMimicCodeTestDatabase({ sourceRow, subjectIndex: true }),
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
    if (sourceRow) {
      // The loader's column types were taken over, not derived again.
      const types = `SELECT code, attributes FROM concept WHERE system = 'mimic-iv:pandas-dtypes' ORDER BY code`;
      const loaded = new pg.Client({ connectionString: mimic.url });
      await loaded.connect();
      const expected = (await loaded.query(types)).rows;
      await loaded.end();
      expect(expected.length).toBeGreaterThan(20);
      expect((await pool.query(types)).rows).toEqual(expected);
    }
  }, 300_000);

  afterAll(async () => {
    await closeMimicCodeStores();
    await pool?.end();
    await db?.drop();
    await mimic?.drop();
  });

  it(
    sourceRow
      ? "is byte for byte the authors' prompt for every one of the 1,031 samples"
      : "has the authors' lines in every one of the 1,031 samples, some same-time rows in another order",
    async () => {
      const samples = readGoldenSamples();
      expect(samples).toHaveLength(1031);
      const mismatches: string[] = [];
      let reordered = 0;
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
        const sameLines = (a: string, b: string) => a.split("\n").sort().join("\n") === b.split("\n").sort().join("\n");
        if (system.content !== sample.system || user.content !== sample.user) {
          if (!sourceRow && system.content === sample.system && sameLines(sample.user, user.content)) {
            reordered++;
            continue;
          }
          mismatches.push(
            `${sample.subject_id} ${sample.task} @${sample.at}: ${firstDifference(sample.user, user.content)}`,
          );
        }
      }
      if (!sourceRow)
        console.log(`physical order: ${1031 - reordered} of 1,031 prompts identical, ${reordered} reordered`);
      expect(mismatches.slice(0, 3)).toEqual([]);
      expect(mismatches).toHaveLength(0);
    },
    300_000,
  );
});
