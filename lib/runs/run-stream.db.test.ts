// The SSE side: a reader following a live run gets it from the in-process relay before it is
// stored, every piece once and in order; resuming from any Last-Event-ID — a stored chunk's seq
// or a position inside a chunk still streaming — continues with no gap and no repeat, from the
// relay or from the database; a run executing in another process is followed through the
// database; and the route's body is valid SSE.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import {
  defaultReply,
  startFakeOpenAiServer,
  vllmStreamBody,
  type FakeOpenAiServer,
  type FakeReply,
} from "../model/testing/fake-openai-server";
import type * as CreateModule from "./create-run";
import type * as ExecutorModule from "./run-executor";
import type * as LiveModule from "./live-runs";
import type * as StreamModule from "./run-stream";
import type * as WriterModule from "./chunk-writer";
import { comparePositions, parsePosition, START, type StreamPosition } from "./stream-position";
import { CUTOFF, seedConcepts, seedPatient, seedUser } from "./test-support";

let database: TestDatabase;
let server: FakeOpenAiServer;
let modules: {
  create: typeof CreateModule;
  executor: typeof ExecutorModule;
  stream: typeof StreamModule;
  live: typeof LiveModule;
  writer: typeof WriterModule;
};
/** Set by a test to hold the model's reply until it says so (the request has arrived then). */
let gate: { arrived: () => void; open: Promise<void> } | null = null;
let patientId: string;
let user: { id: string };

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  // Each SSE event its own write, 10 ms apart: a run streams for about a second.
  server = await startFakeOpenAiServer({
    script: async (request) => {
      if (gate) {
        gate.arrived();
        await gate.open;
      }
      return {
        kind: "raw",
        delayMs: 10,
        chunks: vllmStreamBody(defaultReply(request) as Extract<FakeReply, { kind: "stream" }>).split(/(?<=\n\n)/),
      };
    },
  });
  // The one-process default: a run worker in this process takes the runs off the queue (and
  // never puts one back here: no lease check while these tests write runs by hand).
  process.env.EHR_R1_BASE_URL = server.url;
  process.env.EHR_R1_LEASE_CHECK_MS = "600000";
  await (await import("./run-worker")).startRunWorker(database.url);
  modules = {
    create: await import("./create-run"),
    executor: await import("./run-executor"),
    stream: await import("./run-stream"),
    live: await import("./live-runs"),
    writer: await import("./chunk-writer"),
  };
  await seedConcepts(database.prisma);
  ({ patientId } = await seedPatient(database.prisma, "90000002"));
  user = await seedUser(database.prisma, "Chris Clinician");
});

afterAll(async () => {
  await (await import("./run-worker")).runWorkerHere()?.stop();
  await server?.close();
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

type Event = LiveModule.RunStreamEvent;

async function collect(runId: string, after: StreamPosition, signal = new AbortController().signal) {
  const out: Event[] = [];
  for await (const event of modules.stream.followRun(runId, after, signal, 200)) out.push(event);
  return out;
}

/** The text of events of one kind, as a reader appends it. */
const textOf = (events: Event[], kind: "reasoning" | "answer") =>
  events
    .filter((e) => e.kind === kind)
    .map((e) => JSON.parse(e.data) as string)
    .join("");

/** Each event's position is after the one before (and after `from`). */
function expectIncreasing(events: Event[], from: StreamPosition = START) {
  let previous = from;
  for (const event of events) {
    const position = parsePosition(event.id);
    expect(position, event.id).not.toBeNull();
    expect(comparePositions(position!, previous), `${event.id} after ${JSON.stringify(previous)}`).toBeGreaterThan(0);
    previous = position!;
  }
}

const storedRun = (id: string) =>
  database.prisma.predictionRun.findUniqueOrThrow({ where: { id }, select: { reasoning: true, answer: true } });
const storedChunks = (id: string) =>
  database.prisma.runChunk.findMany({ where: { runId: id }, orderBy: { seq: "asc" } });

const newRun = () => modules.create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF }, user);

describe("resumable run streams", () => {
  it("a reader following a live run gets all its text once, in order, ending with done", async () => {
    // The reader starts while the run may still be queued (database) and moves to the relay.
    const { id } = await newRun();
    const events = await collect(id, START);
    await modules.executor.submitRun(id, "ehr-r1");
    const stored = await storedChunks(id);
    const run = await storedRun(id);
    expect(run.reasoning.length).toBeGreaterThan(50);
    expect(textOf(events, "reasoning")).toBe(run.reasoning);
    expect(textOf(events, "answer")).toBe(run.answer);
    expectIncreasing(events);
    expect(events.at(-1)).toMatchObject({ id: String(stored.at(-1)!.seq), kind: "done", data: '{"status":"done"}' });
    // Served from the relay: pieces as the model sent them, not the stored 100 ms chunks.
    expect(events.some((e) => e.id.includes(":"))).toBe(true);
  });

  it("a live reader gets each delta before it is stored", async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    let open!: () => void;
    gate = { arrived, open: new Promise<void>((resolve) => (open = resolve)) };
    try {
      const { id } = await newRun();
      await requestArrived;
      // Hold the run's row: no chunk can be stored (each write updates it) until we let go.
      let relayed = "";
      let storedMeanwhile = -1;
      await database.prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM prediction_run WHERE id = ${id} FOR UPDATE`;
        open();
        const controller = new AbortController();
        for await (const event of modules.stream.followRun(id, START, controller.signal, 200)) {
          if (event.kind === "reasoning") relayed += JSON.parse(event.data) as string;
          if (relayed.length >= 40) break;
        }
        storedMeanwhile = await database.prisma.runChunk.count({ where: { runId: id } });
      });
      expect(storedMeanwhile).toBe(0);
      await modules.executor.submitRun(id, "ehr-r1");
      const run = await storedRun(id);
      expect(run.reasoning.startsWith(relayed)).toBe(true);
      expect(await database.prisma.runChunk.count({ where: { runId: id, kind: "reasoning" } })).toBeGreaterThan(0);
    } finally {
      gate = null;
    }
  });

  it("resuming from a Last-Event-ID inside a live chunk continues with no gap and no repeat", async () => {
    const { id } = await newRun();
    // Read from the relay until the reader stands inside a chunk that is not stored yet, then "disconnect".
    const first: Event[] = [];
    let cut: StreamPosition | null = null;
    for await (const event of modules.stream.followRun(id, START, new AbortController().signal, 200)) {
      first.push(event);
      const position = parsePosition(event.id)!;
      if (position.offset !== null && first.length >= 3) {
        cut = position;
        break;
      }
    }
    expect(cut).not.toBeNull();
    expect(modules.live.liveRun(id)).toBeDefined();
    // A reconnect with that id while the run still streams: from the relay.
    const rest = await collect(id, cut!);
    expectIncreasing(rest, cut!);
    const run = await storedRun(id);
    expect(textOf([...first, ...rest], "reasoning")).toBe(run.reasoning);
    expect(textOf([...first, ...rest], "answer")).toBe(run.answer);
    expect(rest.at(-1)!.kind).toBe("done");

    // The same id after the run ended is served from the database: the stored chunk is cut where
    // the reader stood.
    expect(modules.live.liveRun(id)).toBeUndefined();
    const later = await collect(id, cut!);
    expect(textOf([...first, ...later], "reasoning")).toBe(run.reasoning);
    expect(textOf([...first, ...later], "answer")).toBe(run.answer);
    expectIncreasing(later, cut!);
  });

  it("a reader attached as its run is queued (POST with Accept: text/event-stream) gets the whole run", async () => {
    // Polling slower than any test may wait: the reader must be woken, never left to the poll.
    const slowPoll = 60_000;
    const follow = async (id: string) => {
      const out: Event[] = [];
      for await (const event of modules.stream.followRun(id, START, new AbortController().signal, slowPoll, true))
        out.push(event);
      return out;
    };
    const { id } = await newRun();
    const events = await follow(id);
    const run = await storedRun(id);
    expect(textOf(events, "reasoning")).toBe(run.reasoning);
    expect(textOf(events, "answer")).toBe(run.answer);
    expect(events.at(-1)).toMatchObject({ kind: "done" });
    // A run that ended before its reader got there (a fast baseline) is read from the database at once.
    expect(modules.executor.holdsRun(id)).toBe(false);
    expect((await follow(id)).map((e) => e.data)).toEqual((await storedChunks(id)).map((c) => c.data));
  });

  it("resuming after a stored chunk's seq returns exactly the later chunks", async () => {
    const { id } = await newRun();
    await modules.executor.submitRun(id, "ehr-r1");
    const all = await storedChunks(id);
    expect(all.length).toBeGreaterThan(3);
    const rest = await collect(id, { seq: 3, offset: null });
    expect(rest.map((e) => [e.id, e.kind, e.data])).toEqual(all.slice(3).map((c) => [String(c.seq), c.kind, c.data]));
    const tail = await collect(id, { seq: all.length - 2, offset: null });
    expect(tail.map((e) => [e.id, e.kind])).toEqual(all.slice(-2).map((c) => [String(c.seq), c.kind]));
  });

  it("follows a run another process executes through the database", async () => {
    // No relay here: the run is written as another app process's executor would.
    const other = await database.prisma.predictionRun.create({
      data: {
        patientId,
        taskKey: "labevents",
        backendId: "ehr-r1",
        cutoff: CUTOFF,
        createdById: user.id,
        status: "streaming",
        attempt: 1,
      },
    });
    const reading = collect(other.id, START);
    const writer = new modules.writer.ChunkWriter(other.id);
    const pieces = ["Sodium ", "is low; ", "repeat ", "chemistry."];
    for (const piece of pieces) {
      writer.append("reasoning", piece);
      await writer.flush();
    }
    writer.append("answer", "Sodium");
    await writer.flush();
    await database.prisma.$transaction([
      database.prisma.predictionRun.update({ where: { id: other.id }, data: { status: "done" } }),
      database.prisma.runChunk.create({
        data: { runId: other.id, seq: writer.nextSeq(), kind: "done", data: '{"status":"done"}' },
      }),
    ]);
    const { announceRunChange } = await import("./run-signals");
    announceRunChange(other.id);
    const events = await reading;
    expect(textOf(events, "reasoning")).toBe(pieces.join(""));
    expect(textOf(events, "answer")).toBe("Sodium");
    expect(events.map((e) => e.id)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(events.at(-1)!.kind).toBe("done");
  });

  it("serves SSE: id = position, the event kind, JSON data, resumed from the Last-Event-ID header", async () => {
    const { id } = await newRun();
    await modules.executor.submitRun(id, "ehr-r1");
    const request = new Request(`http://app.test/api/runs/${id}/stream`, { headers: { "last-event-id": "2" } });
    const after = modules.stream.lastEventId(request);
    expect(after).toEqual({ seq: 2, offset: null });
    const text = await new Response(modules.stream.runEventStream(id, after, request.signal)).text();
    const events = text
      .split("\n\n")
      .filter((block) => block.startsWith("id:"))
      .map((block) => Object.fromEntries(block.split("\n").map((line) => line.split(/: (.*)/s).slice(0, 2))));
    const stored = await database.prisma.runChunk.findMany({
      where: { runId: id, seq: { gt: 2 } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => Number(e.id))).toEqual(stored.map((c) => c.seq));
    expect(events.map((e) => e.event)).toEqual(stored.map((c) => c.kind));
    expect(events.at(-1)).toMatchObject({ event: "done", data: '{"status":"done"}' });
    for (const event of events) expect(() => JSON.parse(event.data)).not.toThrow();
    expect(text.startsWith("retry: 2000\n\n")).toBe(true);
    const at = (query: string) => modules.stream.lastEventId(new Request(`http://app.test/x?lastEventId=${query}`));
    expect(at("7")).toEqual({ seq: 7, offset: null });
    expect(at("8:120")).toEqual({ seq: 8, offset: 120 });
    expect(at("nope")).toEqual(START);
    expect(at("-3")).toEqual(START);
    // The header (an EventSource reconnect) wins over the page's query.
    const both = new Request(`http://app.test/x?lastEventId=3`, { headers: { "last-event-id": "5:2" } });
    expect(modules.stream.lastEventId(both)).toEqual({ seq: 5, offset: 2 });
  });
});
