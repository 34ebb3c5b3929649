// Group commit of run chunks: writes asked for together go in one statement; each run's chunk
// and text land only while it streams; a run whose text the database refuses fails alone; an
// attempt's first chunk goes alone; the NOTIFY carries the stored chunk when it fits.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { loadBackends } from "../model/backends/load-backends";
import { TASKS } from "../model/tasks/task-catalog";
import { RUN_CHANGE_CHANNEL } from "./run-notifications";
import type * as StoreModule from "./store-chunks";
import { upsertCatalogRows } from "./sync-catalog";
import { CUTOFF, seedPatient } from "./test-support";

let database: TestDatabase;
let patientId: string;
let store: typeof StoreModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  store = await import("./store-chunks");
  await upsertCatalogRows(database.prisma, TASKS, loadBackends({}));
  ({ patientId } = await seedPatient(database.prisma, "95000001"));
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

async function makeRun(status: "streaming" | "done") {
  const run = await database.prisma.predictionRun.create({
    data: { patientId, taskKey: "labevents", backendId: "baseline", cutoff: CUTOFF, status, attempt: 1 },
  });
  return run.id;
}

const chunk = (runId: string, text: string, seq = 1, kind: "reasoning" | "answer" = "reasoning", attempt = 1) => ({
  runId,
  seq,
  kind,
  text,
  attempt,
});

const stateOf = async (runId: string) => {
  const run = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id: runId } });
  const chunks = await database.prisma.runChunk.findMany({
    where: { runId },
    orderBy: { seq: "asc" },
    select: { seq: true, data: true },
  });
  return { reasoning: run.reasoning, chunks };
};

describe("storeChunk", () => {
  it("refuses the chunk of an attempt that is no longer the run's (its worker lost its lease)", async () => {
    const runId = await makeRun("streaming");
    await database.prisma.predictionRun.update({ where: { id: runId }, data: { attempt: 2 } });
    expect(await store.storeChunk(chunk(runId, "from the old worker", 1, "reasoning", 1))).toBe(false);
    expect(await store.storeChunk(chunk(runId, "from the new one", 1, "reasoning", 2))).toBe(true);
    expect(await stateOf(runId)).toEqual({
      reasoning: "from the new one",
      chunks: [{ seq: 1, data: JSON.stringify("from the new one") }],
    });
  });

  it("writes the chunks asked for in one turn in one statement, for streaming runs only", async () => {
    const [first, second, ended] = await Promise.all([makeRun("streaming"), makeRun("streaming"), makeRun("done")]);
    const { dbPool } = await import("../db");
    const query = vi.spyOn(dbPool(), "query");
    try {
      const stored = await Promise.all([
        store.storeChunk(chunk(first, "Sodium is low")),
        store.storeChunk(chunk(second, 'a "quoted", {braced} text\\')),
        store.storeChunk(chunk(ended, "too late")),
      ]);
      expect(stored).toEqual([true, true, false]);
      expect(query).toHaveBeenCalledTimes(1);
    } finally {
      query.mockRestore();
    }
    expect(await stateOf(first)).toEqual({
      reasoning: "Sodium is low",
      chunks: [{ seq: 1, data: JSON.stringify("Sodium is low") }],
    });
    expect((await stateOf(second)).reasoning).toBe('a "quoted", {braced} text\\');
    expect(await stateOf(ended)).toEqual({ reasoning: "", chunks: [] });
  });

  it("stores a chunk asked for alone in a statement of its own (an attempt's first), not in the group's", async () => {
    const [grouped, first] = await Promise.all([makeRun("streaming"), makeRun("streaming")]);
    const { dbPool } = await import("../db");
    const query = vi.spyOn(dbPool(), "query");
    try {
      const stored = await Promise.all([
        store.storeChunk(chunk(grouped, "Sodium")),
        store.storeChunk(chunk(first, "Potassium"), true),
      ]);
      expect(stored).toEqual([true, true]);
      expect(query).toHaveBeenCalledTimes(2);
    } finally {
      query.mockRestore();
    }
    expect((await stateOf(first)).chunks).toEqual([{ seq: 1, data: JSON.stringify("Potassium") }]);
  });

  it("tells listeners the stored chunk itself, or only the run id when it would not fit a NOTIFY", async () => {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (notification) => heard.push(notification.payload ?? ""));
    await listener.query(`LISTEN ${RUN_CHANGE_CHANNEL}`);
    try {
      const runId = await makeRun("streaming");
      expect(await store.storeChunk(chunk(runId, 'Na "128"'))).toBe(true);
      // 4,000 two-byte characters: 8,000 bytes, over the payload's limit though 4,000 characters long.
      expect(await store.storeChunk(chunk(runId, "é".repeat(4_000), 2))).toBe(true);
      while (heard.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(JSON.parse(heard[0])).toEqual({ run: runId, seq: 1, kind: "reasoning", data: JSON.stringify('Na "128"') });
      expect(heard[1]).toBe(runId);
    } finally {
      await listener.end();
    }
  });

  it("appends each chunk to the run's reasoning or answer, in order", async () => {
    const runId = await makeRun("streaming");
    expect(await store.storeChunk(chunk(runId, "Sodium 128, "))).toBe(true);
    expect(await store.storeChunk(chunk(runId, "falling.", 2))).toBe(true);
    expect(await store.storeChunk(chunk(runId, "Sodium\n", 3, "answer"))).toBe(true);
    expect(await store.storeChunk(chunk(runId, "Potassium", 4, "answer"))).toBe(true);
    const run = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id: runId } });
    expect([run.reasoning, run.answer]).toEqual(["Sodium 128, falling.", "Sodium\nPotassium"]);
    expect((await stateOf(runId)).chunks.map((c) => JSON.parse(c.data))).toEqual([
      "Sodium 128, ",
      "falling.",
      "Sodium\n",
      "Potassium",
    ]);
  });

  it("fails only the run whose text the database refuses", async () => {
    const [good, bad] = await Promise.all([makeRun("streaming"), makeRun("streaming")]);
    // PostgreSQL's text cannot hold NUL.
    const results = await Promise.allSettled([
      store.storeChunk(chunk(good, "Potassium")),
      store.storeChunk(chunk(bad, "nul \u0000 here")),
    ]);
    expect(results[0]).toEqual({ status: "fulfilled", value: true });
    expect(results[1].status).toBe("rejected");
    expect((await stateOf(good)).chunks).toHaveLength(1);
    expect(await stateOf(bad)).toEqual({ reasoning: "", chunks: [] });
  });
});
