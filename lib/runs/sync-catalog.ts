// At start (scripts/start.ts and scripts/worker.ts, after migrations): the Task table from the
// EHR-Bench catalog and the Backend table from the environment (a backend no longer configured
// is disabled, never deleted: old runs name it). Runs are not touched: other processes may be
// executing them, and a run whose worker is gone goes back to the queue by its lease
// (run-worker.ts), not by a start.
import "server-only";
import type { PrismaClient } from "../db/prisma-client";
import { createPrismaClient } from "../db/prisma-client";
import { backendRecord, loadBackends, type BackendConfig } from "../model/backends/load-backends";
import { TASKS, taskRecord } from "../model/tasks/task-catalog";
import type { TaskDefinition } from "../model/tasks/task-types";
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
    const names = backends.map((b) => b.name).join(", ");
    return `catalog: ${TASKS.length} tasks; backends: ${names} (${concurrency} run(s) at once each, across all workers)`;
  } finally {
    await prisma.$disconnect();
  }
}
