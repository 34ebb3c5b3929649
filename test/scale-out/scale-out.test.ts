// Scaling out, as an operator runs it: two web processes (WORKER=0) and two run workers, each a
// real process, on one throwaway PostgreSQL, against a fake vLLM server. Runs started on one
// web process stream to the end through the other with the exact text the model sent; a
// process starting while runs stream fails none of them; a cancel on either web process stops
// the run on its worker; a worker killed with SIGKILL loses its lease and its runs finish on
// the other worker as attempt 2, the first attempt's partial text kept, nothing the readers saw
// duplicated or lost; a worker sent SIGTERM (to its whole process group) hands its runs back,
// exits within 10 s, and they resume elsewhere; a batch survives a restart of every process
// half way. One cluster for all: starting the processes is most of these tests' time.
import { afterAll, beforeAll, expect, it } from "vitest";
import { comparePositions, parsePosition } from "../../lib/runs/stream-position";
import type { ServedApp } from "../served-app";
import {
  leaseHolders,
  readStream,
  sentReply,
  startCluster,
  startRun,
  until,
  type Cluster,
  type SseEvent,
  type WorkerProcess,
} from "./scale-out-cluster";

/**
 * The batch: 200 runs (a run per patient), fed 8 at a time. Its replies stream a pause
 * of 3 ms between events instead of 25 (a run takes about half a second, not 3 s), so the
 * batch fits CI's time while still having runs streaming at the restart, and runs not yet fed.
 */
const BATCH_RUNS = Number(process.env.SCALE_OUT_BATCH_RUNS ?? 200);
const BATCH_REPLY_DELAY_MS = 3;
const BATCH_CONCURRENCY = 8;

let cluster: Cluster;
let webA: ServedApp;
let webB: ServedApp;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  cluster = await startCluster({ patients: Math.max(BATCH_RUNS, 8) });
  const [webs, started] = await Promise.all([
    Promise.all([cluster.startWeb(), cluster.startWeb()]),
    Promise.all([cluster.startWorker("worker-1"), cluster.startWorker("worker-2")]),
  ]);
  [webA, webB] = webs;
  workers.push(...started);
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
});

type StoredRun = {
  status: string;
  attempt: number;
  reasoning: string;
  answer: string;
  chunks: { kind: string; data: string }[];
};

async function storedRun(id: string): Promise<StoredRun> {
  return cluster.prisma.predictionRun.findUniqueOrThrow({
    where: { id },
    select: { status: true, attempt: true, reasoning: true, answer: true, chunks: { orderBy: { seq: "asc" } } },
  });
}

const textOf = (events: readonly { event: string; data: string }[], kind: string) =>
  events
    .filter((e) => e.event === kind)
    .map((e) => JSON.parse(e.data) as string)
    .join("");

/** The events of each attempt, split at the `retry` markers. */
function attemptsOf(events: readonly SseEvent[]): SseEvent[][] {
  const attempts: SseEvent[][] = [[]];
  for (const event of events) {
    if (event.event === "retry") attempts.push([]);
    else attempts.at(-1)!.push(event);
  }
  return attempts;
}

/** Positions only grow: nothing was sent twice. */
function expectIncreasingPositions(events: readonly SseEvent[]) {
  for (let i = 1; i < events.length; i++) {
    expect(comparePositions(parsePosition(events[i].id)!, parsePosition(events[i - 1].id)!)).toBeGreaterThan(0);
  }
}

/** What the reader saw is exactly what is stored: the same text, attempt by attempt, and the same end. */
function expectReaderSawStored(events: readonly SseEvent[], run: StoredRun) {
  expectIncreasingPositions(events);
  const stored = attemptsOf(run.chunks.map((c) => ({ id: "", event: c.kind, data: c.data })));
  const seen = attemptsOf(events);
  expect(seen.length).toBe(stored.length);
  for (let i = 0; i < stored.length; i++) {
    for (const kind of ["reasoning", "answer"]) expect(textOf(seen[i], kind)).toBe(textOf(stored[i], kind));
  }
  expect(events.at(-1)).toMatchObject({ event: "done", data: '{"status":"done"}' });
}

it("runs started on web A stream to the end through web B with the exact text the model sent", async () => {
  const ids = await Promise.all(
    cluster.patientIds.slice(0, 4).map((patientId) => startRun(webA.baseUrl, cluster, patientId)),
  );
  const streams = await Promise.all(ids.map((id) => readStream(webB.baseUrl, id, cluster.authorization)));
  const reply = sentReply(cluster.model);
  for (const [i, id] of ids.entries()) {
    const run = await storedRun(id);
    expect(run).toMatchObject({ status: "done", attempt: 1, reasoning: reply.reasoning, answer: reply.answer });
    expect(textOf(streams[i], "reasoning")).toBe(reply.reasoning);
    expect(textOf(streams[i], "answer")).toBe(reply.answer);
    expectReaderSawStored(streams[i], run);
  }
}, 180_000);

it("a third process starting while 20 runs stream fails none of them", async () => {
  const ids: string[] = [];
  for (let i = 0; i < 20; i++)
    ids.push(await startRun(webA.baseUrl, cluster, cluster.patientIds[i % cluster.patientIds.length]));
  const streams = ids.map((id) => readStream(webB.baseUrl, id, cluster.authorization));
  await until("runs streaming", async () => (await leaseHolders(cluster.prisma)).size >= 4);
  const third = await cluster.startWeb();
  const thirdWorker = await cluster.startWorker("worker-3");
  const seen = await Promise.all(streams);
  const runs = await Promise.all(ids.map(storedRun));
  expect(runs.map((run) => run.status)).toEqual(ids.map(() => "done"));
  expect(runs.map((run) => run.attempt)).toEqual(ids.map(() => 1));
  for (const [i, run] of runs.entries()) expectReaderSawStored(seen[i], run);
  // The new web process serves a finished run too.
  expect(textOf(await readStream(third.baseUrl, ids[0], cluster.authorization), "reasoning")).toBe(runs[0].reasoning);
  await third.stop();
  process.kill(-thirdWorker.process.pid!, "SIGTERM");
  await thirdWorker.exited;
}, 180_000);

it("cancel works from a web process other than the one that started the run, on any worker", async () => {
  const id = await startRun(webA.baseUrl, cluster, cluster.patientIds[0]);
  const reading = readStream(webA.baseUrl, id, cluster.authorization);
  const holder = await until("the run streaming on a worker", async () => {
    const run = await storedRun(id);
    return run.reasoning.length > 10 && (await leaseHolders(cluster.prisma)).get(id);
  });
  // Runs execute on workers only: the web processes serve (WORKER=0).
  expect(holder).toMatch(/^worker-/);
  const request = cluster.model.requests.at(-1)!;
  const response = await fetch(`${webB.baseUrl}/api/runs/${id}/cancel`, {
    method: "POST",
    headers: { authorization: cluster.authorization },
  });
  expect(await response.json()).toEqual({ status: "cancelled" });
  // The worker stopped the model's request.
  expect(await request.closed).toBe("client");
  const events = await reading;
  expect(events.at(-1)).toMatchObject({ event: "done" });
  expect(JSON.parse(events.at(-1)!.data)).toMatchObject({ status: "cancelled" });
  const run = await storedRun(id);
  expect(run.status).toBe("cancelled");
  expect(textOf(events, "reasoning")).toBe(run.reasoning);
}, 180_000);

it("a worker killed mid-run loses its lease: its runs finish on the other worker as attempt 2, attempt 1 kept", async () => {
  const [victim, survivor] = workers;
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) ids.push(await startRun(webA.baseUrl, cluster, cluster.patientIds[i]));
  const streams = ids.map((id) => readStream(webB.baseUrl, id, cluster.authorization));
  // Both workers execute runs, and the victim's have stored part of their reasoning.
  const onVictim = await until("runs with text on both workers", async () => {
    const holders = await leaseHolders(cluster.prisma);
    const mine = [...holders].filter(([, holder]) => holder === victim.name).map(([id]) => id);
    if (!mine.length || ![...holders.values()].includes(survivor.name)) return undefined;
    const texts = await Promise.all(mine.map(async (id) => (await storedRun(id)).reasoning.length));
    return texts.every((length) => length > 10) ? mine : undefined;
  });
  process.kill(-victim.process.pid!, "SIGKILL");
  await victim.exited;

  const seen = await Promise.all(streams);
  const runs = await Promise.all(ids.map(storedRun));
  expect(runs.map((run) => run.status)).toEqual(ids.map(() => "done"));
  const reply = sentReply(cluster.model);
  for (const [i, id] of ids.entries()) {
    const run = runs[i];
    expectReaderSawStored(seen[i], run);
    expect(run.reasoning).toBe(reply.reasoning);
    if (!onVictim.includes(id)) continue;
    expect(run.attempt).toBe(2);
    const marker = run.chunks.find((c) => c.kind === "retry")!;
    expect(JSON.parse(marker.data)).toEqual({ attempt: 1, reason: "its worker stopped (its lease on the run lapsed)" });
    // The first attempt's partial text is kept, before the marker, and the reader saw it.
    const [first] = attemptsOf(seen[i]);
    expect(textOf(first, "reasoning").length).toBeGreaterThan(10);
    expect(reply.reasoning!.startsWith(textOf(first, "reasoning"))).toBe(true);
  }
  workers[0] = await cluster.startWorker("worker-4");
}, 180_000);

it("a worker sent SIGTERM (its process group) hands its runs back, exits within 10 s, and they resume elsewhere", async () => {
  const [leaving, staying] = workers;
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) ids.push(await startRun(webB.baseUrl, cluster, cluster.patientIds[i]));
  const streams = ids.map((id) => readStream(webA.baseUrl, id, cluster.authorization));
  const onLeaving = await until("runs on both workers", async () => {
    const holders = await leaseHolders(cluster.prisma);
    const mine = [...holders].filter(([, holder]) => holder === leaving.name).map(([id]) => id);
    return mine.length && [...holders.values()].includes(staying.name) ? mine : undefined;
  });
  process.kill(-leaving.process.pid!, "SIGTERM");
  const exit = await Promise.race([
    leaving.exited.then(() => "exited"),
    new Promise((resolve) => setTimeout(() => resolve("still running after 10 s"), 10_000)),
  ]);
  expect(exit, leaving.stderr()).toBe("exited");

  const seen = await Promise.all(streams);
  const runs = await Promise.all(ids.map(storedRun));
  expect(runs.map((run) => run.status)).toEqual(ids.map(() => "done"));
  for (const [i, id] of ids.entries()) {
    expectReaderSawStored(seen[i], runs[i]);
    if (!onLeaving.includes(id)) continue;
    expect(runs[i].attempt).toBe(2);
    const marker = runs[i].chunks.find((c) => c.kind === "retry")!;
    expect(JSON.parse(marker.data), leaving.stderr()).toEqual({
      attempt: 1,
      reason: "its worker shut down and handed the run back",
    });
  }
  workers[0] = await cluster.startWorker("worker-5");
}, 180_000);

async function batchCounts(batchId: string) {
  const groups = await cluster.prisma.predictionRun.groupBy({
    by: ["status"],
    where: { batchId },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Record<string, number | undefined>;
}

it(`all ${BATCH_RUNS} runs of a batch end done across a restart of every process half way`, async () => {
  cluster.setReplyDelay(BATCH_REPLY_DELAY_MS);
  const response = await fetch(`${webA.baseUrl}/api/batches`, {
    method: "POST",
    headers: { authorization: cluster.authorization, "content-type": "application/json" },
    body: JSON.stringify({
      taskKey: "labevents",
      backendId: "ehr-r1",
      patients: "all",
      concurrency: BATCH_CONCURRENCY,
    }),
  });
  const batch = (await response.json()) as { id: string; runs: number };
  expect(response.status, JSON.stringify(batch)).toBe(201);
  expect(batch.runs).toBe(cluster.patientIds.length);

  await until("half the batch done", async () => ((await batchCounts(batch.id)).done ?? 0) >= batch.runs / 2, 300);
  const streaming = await cluster.prisma.predictionRun.findMany({
    where: { batchId: batch.id, status: "streaming" },
    select: { id: true },
  });
  // Every process stops, as a deploy stops them (SIGTERM; the workers' to their process group).
  await Promise.all([webA.stop(), webB.stop(), ...workers.map((worker) => worker.stop())]);
  const atRestart = await batchCounts(batch.id);
  // Nothing failed on the way down; runs were streaming, and some were still to feed.
  expect(atRestart.failed ?? 0).toBe(0);
  expect(streaming.length).toBeGreaterThan(0);
  expect(atRestart.streaming ?? 0).toBe(0);
  expect(atRestart.done ?? 0).toBeLessThan(batch.runs);

  const [webs, started] = await Promise.all([
    Promise.all([cluster.startWeb(), cluster.startWeb()]),
    Promise.all([cluster.startWorker("worker-6"), cluster.startWorker("worker-7")]),
  ]);
  [webA, webB] = webs;
  workers.splice(0, workers.length, ...started);
  await until("the whole batch done", async () => (await batchCounts(batch.id)).done === batch.runs, 300);
  expect(await batchCounts(batch.id)).toEqual({ done: batch.runs });
  const finished = await cluster.prisma.runBatch.findUniqueOrThrow({ where: { id: batch.id } });
  expect(finished.finishedAt).not.toBeNull();
  // The runs streaming at the restart were handed back and finished on a new worker as attempt 2.
  const resumed = await cluster.prisma.predictionRun.findMany({
    where: { id: { in: streaming.map((run) => run.id) } },
    select: { attempt: true, chunks: { where: { kind: "retry" }, select: { data: true } } },
  });
  for (const run of resumed.filter((run) => run.attempt > 1)) {
    expect(run.attempt).toBe(2);
    expect(run.chunks.map((chunk) => JSON.parse(chunk.data))).toEqual([
      { attempt: 1, reason: "its worker shut down and handed the run back" },
    ]);
  }
  // Some may have ended between the look and the stop; not all of them.
  expect(resumed.some((run) => run.attempt === 2)).toBe(true);
  // A restarted web process serves the batch's runs.
  const [first] = await cluster.prisma.predictionRun.findMany({ where: { batchId: batch.id }, take: 1 });
  const events = await readStream(webB.baseUrl, first.id, cluster.authorization);
  expect(events.at(-1)).toMatchObject({ event: "done", data: '{"status":"done"}' });
}, 300_000);
