// The data migration that makes stored baseline runs backend-neutral (issue 18, bug 9): run
// against rows written the old way, it removes the banner and the predictor's self-naming
// from the reasoning and from the stream's chunks, and leaves other backends' runs alone.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createCatalogRows, createPatient, createRun } from "../review/test-support";

const MIGRATION = path.join(
  import.meta.dirname,
  "../../prisma/migrations/20261206200000_baseline_reasoning_backend_neutral/migration.sql",
);
const BANNER =
  "> Computed by the built-in baseline (baseline, not EHR-R1): counts and a hand-set score, no language model.";
const OLD_TEXT = `${BANNER}\n\n## Extraction\n- Sodium 2×.\n\n## Reasoning\nThis predictor (baseline, not EHR-R1) ranks each item.\n\n## Final Results\nSodium`;

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await createCatalogRows(database.prisma);
});

afterAll(async () => {
  await database.drop();
});

describe("the baseline reasoning migration", () => {
  it("strips the self-naming from stored baseline runs and their chunks, and nothing else", async () => {
    const patientId = await createPatient(database.prisma);
    const baseline = await createRun(database.prisma, { patientId });
    const model = await createRun(database.prisma, { patientId, backendId: "ehr-r1" });
    const sections = OLD_TEXT.split(/(?=\n\n## )/);
    for (const runId of [baseline, model]) {
      await database.prisma.predictionRun.update({ where: { id: runId }, data: { reasoning: OLD_TEXT } });
      await database.prisma.runChunk.createMany({
        data: sections.map((text, index) => ({ runId, seq: index + 1, kind: "reasoning", data: JSON.stringify(text) })),
      });
    }
    // The file as the migration runner applies it: all its statements in one simple query.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(readFileSync(MIGRATION, "utf8"));
    } finally {
      await client.end();
    }

    const after = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id: baseline } });
    expect(after.reasoning).toBe(
      "## Extraction\n- Sodium 2×.\n\n## Reasoning\nThis predictor ranks each item.\n\n## Final Results\nSodium",
    );
    const chunks = await database.prisma.runChunk.findMany({ where: { runId: baseline }, orderBy: { seq: "asc" } });
    const streamed = chunks.map((chunk) => JSON.parse(chunk.data) as string).join("");
    expect(streamed).not.toMatch(/baseline|EHR-R1/i);
    expect(streamed.trim()).toBe(after.reasoning);

    const untouched = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id: model } });
    expect(untouched.reasoning).toBe(OLD_TEXT);
  });
});
