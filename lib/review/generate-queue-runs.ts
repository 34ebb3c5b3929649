// Runs for a queue's items, in batch, through lib/runs' createRun (the same checks and the
// same executor as a run started by hand, so at most its configured concurrency per backend
// runs at once). Idempotent: items that have their run(s) are left alone, and a transaction
// advisory lock keeps two clicks from starting two runs for one item.
import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { HttpError, NotFoundError } from "../http/errors";
import { createRun } from "../runs/create-run";
import type { GenerateQueueRunsResponse } from "./generate-queue-runs.types";

export async function generateQueueRuns({
  queueId,
  user,
}: {
  queueId: string;
  user: Pick<CurrentUser, "id">;
}): Promise<GenerateQueueRunsResponse> {
  const queue = await db.queue.findUnique({ where: { id: queueId }, select: { id: true, kind: true } });
  if (!queue) throw new NotFoundError("Queue");
  const isPairwise = queue.kind === "pairwise";
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${`queue-runs:${queueId}`}::text, 0))`;
      // Only the lock lives in this transaction; all else goes through `db`. createRun writes
      // runs and catalog rows on its own connections, and would wait forever on any row lock
      // held here (an item updated twice in one transaction key-share-locks its task and
      // backend rows, which createRun's catalog upsert must lock for update).
      const items = await db.queueItem.findMany({
        where: { queueId, OR: isPairwise ? [{ runId: null }, { runBId: null }] : [{ runId: null }] },
        orderBy: { position: "asc" },
        select: {
          id: true,
          patientId: true,
          taskKey: true,
          cutoff: true,
          backendId: true,
          backendBId: true,
          runId: true,
          runBId: true,
        },
      });
      const existing = await db.queueItem.aggregate({ where: { queueId }, _count: { runId: true, runBId: true } });
      const alreadyStarted = existing._count.runId + (isPairwise ? existing._count.runBId : 0);
      let started = 0;
      const failed: GenerateQueueRunsResponse["failed"] = [];
      for (const item of items) {
        const base = { patientId: item.patientId, taskKey: item.taskKey, cutoff: item.cutoff };
        try {
          if (!item.runId) {
            const { id } = await createRun({ ...base, backendId: item.backendId ?? undefined }, user);
            await db.queueItem.update({ where: { id: item.id }, data: { runId: id } });
            started += 1;
          }
          if (isPairwise && !item.runBId) {
            const { id } = await createRun({ ...base, backendId: item.backendBId ?? undefined }, user);
            await db.queueItem.update({ where: { id: item.id }, data: { runBId: id } });
            started += 1;
          }
        } catch (error) {
          // A record that cannot answer the task at this cut-off fails its item, not the batch.
          if (!(error instanceof HttpError)) throw error;
          failed.push({ queueItemId: item.id, reason: error.message });
        }
      }
      return { started, alreadyStarted, failed };
    },
    { maxWait: 10_000, timeout: 600_000 },
  );
}
