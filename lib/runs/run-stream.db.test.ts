// The SSE side: a reader resuming from Last-Event-ID gets exactly the later chunks, a reader
// following a live run gets every chunk once and in order, and the route's body is valid SSE.
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
import type * as StreamModule from "./run-stream";
import { CUTOFF, seedConcepts, seedPatient, seedUser } from "./test-support";

let database: TestDatabase;
let server: FakeOpenAiServer;
let modules: { create: typeof CreateModule; executor: typeof ExecutorModule; stream: typeof StreamModule };
let patientId: string;
let user: { id: string };

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  // Each SSE event its own write, 10 ms apart: a run streams for about a second.
  server = await startFakeOpenAiServer({
    script: (request) => ({
      kind: "raw",
      delayMs: 10,
      chunks: vllmStreamBody(defaultReply(request) as Extract<FakeReply, { kind: "stream" }>).split(/(?<=\n\n)/),
    }),
  });
  process.env.EHR_R1_BASE_URL = server.url;
  modules = {
    create: await import("./create-run"),
    executor: await import("./run-executor"),
    stream: await import("./run-stream"),
  };
  await seedConcepts(database.prisma);
  ({ patientId } = await seedPatient(database.prisma, "90000002"));
  user = await seedUser(database.prisma, "Chris Clinician");
});

afterAll(async () => {
  await server?.close();
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

async function collect(runId: string, after: number) {
  const out: StreamModule.RunChunkEvent[] = [];
  for await (const chunk of modules.stream.followRunChunks(runId, after, new AbortController().signal, 200)) {
    out.push(chunk);
  }
  return out;
}

describe("resumable run streams", () => {
  it("a reader following a live run gets every chunk once, in order, ending with done", async () => {
    const { id } = await modules.create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF }, user);
    const live = await collect(id, 0);
    await modules.executor.submitRun(id, "ehr-r1");
    const stored = await database.prisma.runChunk.findMany({ where: { runId: id }, orderBy: { seq: "asc" } });
    expect(live.map((c) => c.seq)).toEqual(stored.map((c) => c.seq));
    expect(live.at(-1)!.kind).toBe("done");
    const run = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id } });
    const reasoning = live
      .filter((c) => c.kind === "reasoning")
      .map((c) => JSON.parse(c.data))
      .join("");
    expect(reasoning).toBe(run.reasoning);
  });

  it("resuming after Last-Event-ID returns exactly the later chunks, also mid-stream", async () => {
    const { id } = await modules.create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF }, user);
    // Read the first three chunks, then "disconnect".
    const first: StreamModule.RunChunkEvent[] = [];
    const controller = new AbortController();
    for await (const chunk of modules.stream.followRunChunks(id, 0, controller.signal, 200)) {
      first.push(chunk);
      if (first.length === 3) break;
    }
    const rest = await collect(id, first.at(-1)!.seq);
    const all = await database.prisma.runChunk.findMany({ where: { runId: id }, orderBy: { seq: "asc" } });
    expect([...first, ...rest].map((c) => c.seq)).toEqual(all.map((c) => c.seq));
    expect(rest[0].seq).toBe(4);

    // After the end, any point resumes the same way.
    const tail = await collect(id, all.length - 2);
    expect(tail.map((c) => [c.seq, c.kind])).toEqual(all.slice(-2).map((c) => [c.seq, c.kind]));
  });

  it("serves SSE: id = seq, the event kind, JSON data, resumed from the Last-Event-ID header", async () => {
    const { id } = await modules.create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF }, user);
    await modules.executor.submitRun(id, "ehr-r1");
    const request = new Request(`http://app.test/api/runs/${id}/stream`, { headers: { "last-event-id": "2" } });
    const after = modules.stream.lastEventId(request);
    expect(after).toBe(2);
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
    expect(modules.stream.lastEventId(new Request(`http://app.test/x?lastEventId=7`))).toBe(7);
    expect(modules.stream.lastEventId(new Request(`http://app.test/x?lastEventId=nope`))).toBe(0);
  });
});
