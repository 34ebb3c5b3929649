// A batch of 200 runs survives a restart of every process half way: two web processes and two
// workers are stopped (SIGTERM, as a deploy does) when about half the runs have ended, then
// started again; the batch goes on from the queue in PostgreSQL and all 200 runs end done.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ServedApp } from "../served-app";
import { startCluster, until, type Cluster, type WorkerProcess } from "./scale-out-cluster";

const RUNS = 200;
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ patients: RUNS, fast: true });
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
});

async function counts(batchId: string) {
  const groups = await cluster.prisma.predictionRun.groupBy({
    by: ["status"],
    where: { batchId },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Record<string, number | undefined>;
}

async function startAll(): Promise<{ webs: ServedApp[]; workers: WorkerProcess[] }> {
  return {
    webs: [await cluster.startWeb(), await cluster.startWeb()],
    workers: [await cluster.startWorker("batch-worker-1"), await cluster.startWorker("batch-worker-2")],
  };
}

async function stopAll({ webs, workers }: { webs: ServedApp[]; workers: WorkerProcess[] }) {
  await Promise.all([
    ...webs.map((web) => web.stop()),
    ...workers.map((worker) => {
      process.kill(-worker.process.pid!, "SIGTERM");
      return worker.exited;
    }),
  ]);
}

it("all 200 runs of a batch end done across a restart of every process half way", async () => {
  let processes = await startAll();
  const response = await fetch(`${processes.webs[0].baseUrl}/api/batches`, {
    method: "POST",
    headers: { authorization: cluster.authorization, "content-type": "application/json" },
    body: JSON.stringify({ taskKey: "labevents", backendId: "ehr-r1", patients: "all", concurrency: 16 }),
  });
  const batch = (await response.json()) as { id: string; runs: number };
  expect(response.status, JSON.stringify(batch)).toBe(201);
  expect(batch.runs).toBe(RUNS);

  await until("half the batch done", async () => ((await counts(batch.id)).done ?? 0) >= RUNS / 2, 300);
  await stopAll(processes);
  const atRestart = await counts(batch.id);
  // Nothing failed on the way down; some runs were still to do.
  expect(atRestart.failed ?? 0).toBe(0);
  expect(atRestart.done ?? 0).toBeLessThan(RUNS);

  processes = await startAll();
  await until("the whole batch done", async () => (await counts(batch.id)).done === RUNS, 300);
  expect(await counts(batch.id)).toEqual({ done: RUNS });
  const finished = await cluster.prisma.runBatch.findUniqueOrThrow({ where: { id: batch.id } });
  expect(finished.finishedAt).not.toBeNull();
  await stopAll(processes);
}, 600_000);
