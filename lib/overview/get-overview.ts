// Counts for the start page: how much is here, without any patient's contents.
import "server-only";
import { db } from "../db";

export type Overview = { patients: number; events: number; runs: number; queues: number; lastImport: Date | null };

export async function getOverview(): Promise<Overview> {
  const [patients, events, runs, queues, lastImport] = await Promise.all([
    db.patient.count(),
    // Exact counts over the event table are slow at MIMIC scale; the planner's estimate is
    // what an overview needs.
    db.$queryRaw<
      { estimate: number }[]
    >`SELECT GREATEST(reltuples, 0)::float8 AS estimate FROM pg_class WHERE relname = 'event'`,
    db.predictionRun.count(),
    db.queue.count({ where: { archivedAt: null } }),
    db.importJob.findFirst({
      where: { status: "done", dryRun: false },
      orderBy: { finishedAt: "desc" },
      select: { finishedAt: true },
    }),
  ]);
  return {
    patients,
    events: Math.round(events[0]?.estimate ?? 0),
    runs,
    queues,
    lastImport: lastImport?.finishedAt ?? null,
  };
}
