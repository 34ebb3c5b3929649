// Runs nobody will finish get an end: all unfinished ones at start, or one whose end could not
// be recorded; finished runs are never touched, and each reader gets a terminal error chunk.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { failUnfinishedRun, retryUntilRecorded } from "./fail-unfinished-runs";
import { upsertCatalogRows } from "./sync-catalog";
import { CUTOFF, seedPatient } from "./test-support";
import { TASKS } from "../model/tasks/task-catalog";
import { loadBackends } from "../model/backends/load-backends";

let database: TestDatabase;
let patientId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await upsertCatalogRows(database.prisma, TASKS, loadBackends({}));
  ({ patientId } = await seedPatient(database.prisma, "94000001"));
});

afterAll(async () => {
  await database.drop();
});

async function makeRun(status: "queued" | "streaming" | "done", chunks: number) {
  const run = await database.prisma.predictionRun.create({
    data: { patientId, taskKey: "labevents", backendId: "baseline", cutoff: CUTOFF, status },
  });
  for (let seq = 1; seq <= chunks; seq++) {
    await database.prisma.runChunk.create({ data: { runId: run.id, seq, kind: "reasoning", data: `part ${seq}` } });
  }
  return run.id;
}

const stateOf = async (runId: string) => {
  const run = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id: runId } });
  const chunks = await database.prisma.runChunk.findMany({ where: { runId }, orderBy: { seq: "asc" } });
  return { status: run.status, error: run.error, last: chunks.at(-1) ?? null, count: chunks.length };
};

describe("failUnfinishedRun", () => {
  it("fails just the named run, after its last chunk, and leaves the others streaming", async () => {
    const stuck = await makeRun("streaming", 3);
    const other = await makeRun("streaming", 1);
    expect(await failUnfinishedRun(database.prisma, "end not recorded", stuck)).toBe(1);
    const state = await stateOf(stuck);
    expect(state).toMatchObject({ status: "failed", error: "end not recorded", count: 4 });
    expect(state.last).toMatchObject({ seq: 4, kind: "error", data: JSON.stringify({ message: "end not recorded" }) });
    expect((await stateOf(other)).status).toBe("streaming");
    // Already ended: a second call changes nothing.
    expect(await failUnfinishedRun(database.prisma, "again", stuck)).toBe(0);
    expect((await stateOf(stuck)).count).toBe(4);
  });
});

describe("retryUntilRecorded", () => {
  it("keeps trying while the attempt fails and stops at the first success", async () => {
    let calls = 0;
    const recorded = await retryUntilRecorded(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error("database unavailable");
      },
      { delays: [1, 2], giveUpAfterMs: 5_000 },
    );
    expect(recorded).toBe(true);
    expect(calls).toBe(3);
  });

  it("gives up once the deadline has passed", async () => {
    let calls = 0;
    const recorded = await retryUntilRecorded(
      async () => {
        calls += 1;
        throw new Error("database unavailable");
      },
      { delays: [5], giveUpAfterMs: 60 },
    );
    expect(recorded).toBe(false);
    expect(calls).toBeGreaterThan(1);
  });
});
