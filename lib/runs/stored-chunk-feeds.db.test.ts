// Readers of a run executing in another process share one feed per process: twenty SSE readers
// of one run cost one read of RunChunk per change that did not carry its chunk (the start, a
// retry marker, an oversized chunk), none per chunk whose NOTIFY carried it (the end's too);
// and every reader gets exactly the stored chunks, once each, in order, across a worker's retry
// (an old attempt's late write stores nothing and announces nothing).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { loadBackends } from "../model/backends/load-backends";
import { TASKS } from "../model/tasks/task-catalog";
import type { RunStreamEvent } from "./live-runs";
import { RUN_CHANGE_CHANNEL } from "./run-notifications";
import type * as SignalsModule from "./run-signals";
import type * as StreamModule from "./run-stream";
import type * as FeedsModule from "./stored-chunk-feeds";
import type * as StoreModule from "./store-chunks";
import { START } from "./stream-position";
import { upsertCatalogRows } from "./sync-catalog";
import { CUTOFF, seedPatient } from "./test-support";

let database: TestDatabase;
let patientId: string;
let modules: {
  stream: typeof StreamModule;
  feeds: typeof FeedsModule;
  store: typeof StoreModule;
  signals: typeof SignalsModule;
};

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  modules = {
    stream: await import("./run-stream"),
    feeds: await import("./stored-chunk-feeds"),
    store: await import("./store-chunks"),
    signals: await import("./run-signals"),
  };
  await upsertCatalogRows(database.prisma, TASKS, loadBackends({}));
  ({ patientId } = await seedPatient(database.prisma, "95000011"));
  // This process's listening connection is up once a NOTIFY it did not send reaches it.
  const probe = `probe-${Date.now()}`;
  let heard = false;
  const off = modules.signals.onRunChange(probe, () => (heard = true));
  while (!heard) {
    await database.prisma.$executeRaw`SELECT pg_notify(${RUN_CHANGE_CHANNEL}, ${probe})`;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  off();
});

afterAll(async () => {
  const { stopRunNotifications } = await import("./run-notifications");
  await stopRunNotifications();
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

/** Waits (without a deadline of its own: the test's timeout is the bound) until `check` holds. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** What another process does to the run, in its own statements, NOTIFYing as the app's writers do. */
const elsewhere = {
  store: (runId: string, seq: number, text: string, attempt: number) =>
    modules.store.storeChunk({ runId, seq, kind: "reasoning", text, attempt }),
  /** As requeueRun: the attempt's retry marker, the run back to queued; the NOTIFY says the run id. */
  requeue: (runId: string, seq: number, attempt: number) =>
    database.prisma.$transaction([
      database.prisma.predictionRun.update({ where: { id: runId }, data: { status: "queued", reasoning: "" } }),
      database.prisma.runChunk.create({
        data: { runId, seq, kind: "retry", data: JSON.stringify({ attempt, reason: "its worker stopped" }) },
      }),
      database.prisma.$executeRaw`SELECT pg_notify(${RUN_CHANGE_CHANNEL}, ${runId})`,
    ]),
  /** As executeRun's start of the next attempt (its NOTIFY is the run id). */
  start: (runId: string, attempt: number) =>
    database.prisma.$transaction([
      database.prisma.predictionRun.update({ where: { id: runId }, data: { status: "streaming", attempt } }),
      database.prisma.$executeRaw`SELECT pg_notify(${RUN_CHANGE_CHANNEL}, ${runId})`,
    ]),
  /** The executor's end: the status and the terminal chunk together, NOTIFYed with the chunk. */
  end: async (runId: string, seq: number, attempt: number) => {
    const { recordRunEnd } = await import("./record-run-end");
    const chunk = { seq, kind: "done" as const, data: '{"status":"done"}' };
    expect(await recordRunEnd({ runId, attempt, status: "done", outcome: {}, items: [], chunk })).toBe(true);
  },
};

describe("stored chunk feeds", () => {
  it("parses a change's payload: the run id alone, or the stored chunk with it", () => {
    const { parseRunChange } = modules.signals;
    expect(parseRunChange("run-1")).toEqual({ runId: "run-1" });
    expect(parseRunChange('{"run":"run-1","seq":3,"kind":"answer","data":"\\"Na\\""}')).toEqual({
      runId: "run-1",
      chunk: { seq: 3, kind: "answer", data: '"Na"' },
    });
    expect(parseRunChange('{"run":"run-1"}')).toEqual({ runId: "run-1" });
    expect(parseRunChange("{not json")).toBeNull();
    expect(parseRunChange("")).toBeNull();
  });

  it("twenty readers of one run share one read per change without its chunk, and each gets every chunk once", async () => {
    const run = await database.prisma.predictionRun.create({
      data: { patientId, taskKey: "labevents", backendId: "baseline", cutoff: CUTOFF, status: "streaming", attempt: 1 },
    });
    const seen: RunStreamEvent[][] = Array.from({ length: 20 }, () => []);
    // A poll slower than any test may wait: every read below is caused by a change.
    const readers = seen.map(async (events) => {
      const signal = new AbortController().signal;
      for await (const event of modules.stream.followRun(run.id, START, signal, 60_000)) events.push(event);
    });
    await until(() => (modules.feeds.storedChunkFeed(run.id)?.readers ?? 0) === 20);
    const feed = modules.feeds.storedChunkFeed(run.id)!;
    const allHave = (seq: number) => seen.every((events) => events.at(-1)?.id === String(seq));

    // Attempt 1: three chunks, each carried by its NOTIFY.
    const first = ["Sodium ", "is low; ", "repeat "];
    for (const [index, text] of first.entries()) {
      expect(await elsewhere.store(run.id, index + 1, text, 1)).toBe(true);
      await until(() => allHave(index + 1));
    }
    expect(feed.queries).toBe(1);

    // The worker dies: a retry marker; its late write into attempt 1 stores nothing, says nothing.
    await elsewhere.requeue(run.id, 4, 1);
    await until(() => allHave(4));
    expect(await elsewhere.store(run.id, 5, "stale ", 1)).toBe(false);

    // Attempt 2 from the start; a chunk too large for a NOTIFY payload comes by its run id alone.
    await elsewhere.start(run.id, 2);
    const large = "x".repeat(9_000);
    const second = ["Sodium is low; ", large, "repeat chemistry."];
    for (const [index, text] of second.entries()) {
      expect(await elsewhere.store(run.id, 5 + index, text, 2)).toBe(true);
      await until(() => allHave(5 + index));
    }
    await elsewhere.end(run.id, 8, 2);
    await Promise.all(readers);

    const stored = await database.prisma.runChunk.findMany({ where: { runId: run.id }, orderBy: { seq: "asc" } });
    expect(stored.map((chunk) => chunk.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const events of seen) {
      expect(events.map((event) => [event.id, event.kind, event.data])).toEqual(
        stored.map((chunk) => [String(chunk.seq), chunk.kind, chunk.data]),
      );
    }
    const text = (from: number, to: number) =>
      seen[0]
        .slice(from, to)
        .map((event) => JSON.parse(event.data) as string)
        .join("");
    expect(text(0, 3)).toBe(first.join(""));
    expect(text(4, 7)).toBe(second.join(""));
    // One read to start, one per change that carried no chunk: the retry marker, attempt 2's
    // start and the oversized chunk. None per chunk its NOTIFY carried (the end's too), and none
    // per reader.
    expect(feed.queries).toBe(4);
    expect(modules.feeds.storedChunkFeed(run.id)).toBeUndefined();
  });

  it("a reader resuming from before where the feed started gets exactly what follows, then shares the feed", async () => {
    const run = await database.prisma.predictionRun.create({
      data: { patientId, taskKey: "labevents", backendId: "baseline", cutoff: CUTOFF, status: "streaming", attempt: 1 },
    });
    for (const [index, text] of ["a", "b", "c"].entries()) await elsewhere.store(run.id, index + 1, text, 1);
    const controller = new AbortController();
    const ahead: RunStreamEvent[] = [];
    const behind: RunStreamEvent[] = [];
    const follow = async (after: number, out: RunStreamEvent[]) => {
      for await (const event of modules.stream.followRun(
        run.id,
        { seq: after, offset: null },
        controller.signal,
        60_000,
      ))
        out.push(event);
    };
    const aheadDone = follow(3, ahead);
    await until(() => (modules.feeds.storedChunkFeed(run.id)?.queries ?? 0) === 1);
    const behindDone = follow(1, behind);
    await until(() => behind.length === 2);
    await elsewhere.store(run.id, 4, "d", 1);
    await elsewhere.end(run.id, 5, 1);
    await Promise.all([aheadDone, behindDone]);
    expect(ahead.map((event) => event.id)).toEqual(["4", "5"]);
    expect(behind.map((event) => event.id)).toEqual(["2", "3", "4", "5"]);
    expect(behind.map((event) => event.data).slice(0, 3)).toEqual(['"b"', '"c"', '"d"']);
  });
});
