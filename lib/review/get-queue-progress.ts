// Progress per queue (items by status) and per reviewer (submitted, skipped, held, drafts, time).
import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import type { QueueProgress, ReviewerProgress } from "./get-queue-progress.types";
import { listQueues } from "./list-queues";

type Row = Omit<ReviewerProgress, "lastActivity" | "medianTimeMs"> & {
  lastActivity: Date | null;
  medianTimeMs: number | null;
};

async function reviewersOf(queueId: string, now: Date): Promise<ReviewerProgress[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT u.id AS "userId", u.name, u.role AS roles,
           count(a.id) FILTER (WHERE a.status = 'submitted')::int AS submitted,
           count(a.id) FILTER (WHERE a.status = 'skipped')::int AS skipped,
           count(a.id) FILTER (WHERE a.status = 'reserved'
                               AND (a."reservedUntil" IS NULL OR a."reservedUntil" > ${now}))::int AS reserved,
           count(a.id) FILTER (WHERE a.status = 'reserved' AND a."reservedUntil" <= ${now})::int AS expired,
           (SELECT count(*)::int FROM rating r JOIN queue_item ri ON ri.id = r."queueItemId"
            WHERE ri."queueId" = m."queueId" AND r."userId" = u.id AND r.status = 'draft') AS drafts,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r."timeSpentMs")
            FROM rating r JOIN queue_item ri ON ri.id = r."queueItemId"
            WHERE ri."queueId" = m."queueId" AND r."userId" = u.id AND r.status = 'submitted') AS "medianTimeMs",
           max(a."updatedAt") AS "lastActivity"
    FROM queue_member m
    JOIN "user" u ON u.id = m."userId"
    LEFT JOIN queue_item qi ON qi."queueId" = m."queueId"
    LEFT JOIN assignment a ON a."queueItemId" = qi.id AND a."userId" = u.id
    WHERE m."queueId" = ${queueId}
    GROUP BY u.id, u.name, u.role, m."queueId"
    ORDER BY u.name, u.id`;
  return rows.map((row) => ({ ...row, lastActivity: row.lastActivity?.toISOString() ?? null }));
}

export async function getQueueProgress({
  user,
  queueId,
  now = new Date(),
}: {
  user: Pick<CurrentUser, "id" | "roles">;
  queueId?: string;
  now?: Date;
}): Promise<QueueProgress[]> {
  const queues = (await listQueues({ user, includeArchived: Boolean(queueId) })).filter(
    (queue) => !queueId || queue.id === queueId,
  );
  if (queueId && !queues.length) throw new NotFoundError("Queue");
  return Promise.all(queues.map(async (queue) => ({ queue, reviewers: await reviewersOf(queue.id, now) })));
}
