// At start (scripts/start.ts, after migrations, before `next start`): the Task table from the
// EHR-Bench catalog, the Backend table from the environment (a backend no longer configured is
// disabled, never deleted: old runs name it), and the runs a crash or restart left behind
// marked failed, since the process that was executing them is gone.
import type { PrismaClient } from "../db/prisma-client";
import { createPrismaClient } from "../db/prisma-client";
import { backendRecord, loadBackends, type BackendConfig } from "../model/backends/load-backends";
import { TASKS, taskRecord } from "../model/tasks/task-catalog";
import type { TaskDefinition } from "../model/tasks/task-types";
import { failUnfinishedRuns, INTERRUPTED_MESSAGE } from "./fail-unfinished-runs";
import { runConcurrency } from "./run-settings";

type Env = Record<string, string | undefined>;

/** Upserts one task's and one backend's rows (a run references both). */
export async function upsertCatalogRows(
  prisma: PrismaClient,
  tasks: readonly TaskDefinition[],
  backends: readonly BackendConfig[],
): Promise<void> {
  for (const task of tasks) {
    const row = taskRecord(task);
    await prisma.task.upsert({ where: { key: row.key }, create: row, update: row });
  }
  for (const backend of backends) {
    const row = { ...backendRecord(backend), enabled: true };
    await prisma.backend.upsert({ where: { id: row.id }, create: row, update: row });
  }
}

/** Everything above, on its own connection; returns a line for the start log. */
export async function syncCatalog(databaseUrl: string, env: Env = process.env): Promise<string> {
  // Bad settings stop the start here, with the variable named, rather than failing each run.
  const backends = loadBackends(env);
  const concurrency = runConcurrency(env);
  const prisma = createPrismaClient(databaseUrl, { max: 2 });
  try {
    await upsertCatalogRows(prisma, TASKS, backends);
    await prisma.backend.updateMany({
      where: { id: { notIn: backends.map((b) => b.id) } },
      data: { enabled: false },
    });
    const interrupted = await failUnfinishedRuns(prisma, INTERRUPTED_MESSAGE);
    // Their feeders died with the process; the batches are over.
    await prisma.runBatch.updateMany({ where: { finishedAt: null }, data: { finishedAt: new Date() } });
    const names = backends.map((b) => b.name).join(", ");
    const failed = interrupted ? `; ${interrupted} interrupted run(s) marked failed` : "";
    return `catalog: ${TASKS.length} tasks; backends: ${names} (${concurrency} run(s) at once each)${failed}`;
  } finally {
    await prisma.$disconnect();
  }
}
