// The queues list: admins see every queue, reviewers the queues they are members of.
import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { QueueCounts, QueueSummary } from "./list-queues.types";

type CountRow = {
  queueId: string;
  items: number;
  pending: number;
  needsOthers: number;
  complete: number;
  awaitingRuns: number;
  failedRuns: number;
};

const EMPTY_COUNTS: QueueCounts = { items: 0, pending: 0, needsOthers: 0, complete: 0, awaitingRuns: 0, failedRuns: 0 };

async function queueCounts(queueIds: readonly string[]): Promise<Map<string, QueueCounts>> {
  if (!queueIds.length) return new Map();
  // A pairwise item waits for both runs; any failed run fails the item.
  const rows = await db.$queryRaw<CountRow[]>`
    SELECT qi."queueId",
           count(*)::int AS items,
           count(*) FILTER (WHERE qi.status = 'pending')::int AS pending,
           count(*) FILTER (WHERE qi.status = 'needs_others')::int AS "needsOthers",
           count(*) FILTER (WHERE qi.status = 'complete')::int AS complete,
           count(*) FILTER (WHERE a.id IS NULL OR a.status IN ('queued', 'streaming')
                              OR (q.kind = 'pairwise' AND (b.id IS NULL OR b.status IN ('queued', 'streaming'))))::int
             AS "awaitingRuns",
           count(*) FILTER (WHERE a.status IN ('failed', 'cancelled') OR b.status IN ('failed', 'cancelled'))::int
             AS "failedRuns"
    FROM queue_item qi
    JOIN queue q ON q.id = qi."queueId"
    LEFT JOIN prediction_run a ON a.id = qi."runId"
    LEFT JOIN prediction_run b ON b.id = qi."runBId"
    WHERE qi."queueId" IN (${Prisma.join(queueIds)})
    GROUP BY qi."queueId"`;
  return new Map(rows.map(({ queueId, ...counts }) => [queueId, counts]));
}

async function progressOf(userId: string, queueIds: readonly string[]) {
  if (!queueIds.length) return new Map<string, { submitted: number; skipped: number; remaining: number }>();
  const rows = await db.$queryRaw<{ queueId: string; submitted: number; skipped: number; remaining: number }[]>`
    SELECT qi."queueId",
           count(*) FILTER (WHERE mine.status = 'submitted')::int AS submitted,
           count(*) FILTER (WHERE mine.status = 'skipped')::int AS skipped,
           count(*) FILTER (WHERE (mine.status IS NULL OR mine.status NOT IN ('submitted', 'skipped'))
                              AND (qi.status <> 'complete' OR mine.status = 'reserved'))::int AS remaining
    FROM queue_item qi
    LEFT JOIN assignment mine ON mine."queueItemId" = qi.id AND mine."userId" = ${userId}
    WHERE qi."queueId" IN (${Prisma.join(queueIds)})
    GROUP BY qi."queueId"`;
  return new Map(rows.map(({ queueId, ...progress }) => [queueId, progress]));
}

export async function listQueues({
  user,
  includeArchived = false,
}: {
  user: Pick<CurrentUser, "id" | "roles">;
  includeArchived?: boolean;
}): Promise<QueueSummary[]> {
  const isAdmin = user.roles.includes("admin");
  const queues = await db.queue.findMany({
    where: {
      ...(includeArchived ? {} : { archivedAt: null }),
      ...(isAdmin ? {} : { members: { some: { userId: user.id } } }),
    },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      kind: true,
      reviewersPerItem: true,
      reservationMinutes: true,
      hideAfterCutoff: true,
      groundTruthAfterRating: true,
      createdAt: true,
      archivedAt: true,
      _count: { select: { members: true } },
      members: { where: { userId: user.id }, select: { userId: true } },
    },
  });
  const ids = queues.map((queue) => queue.id);
  const [counts, progress] = await Promise.all([queueCounts(ids), progressOf(user.id, ids)]);
  return queues.map(({ _count, members, createdAt, archivedAt, ...queue }) => ({
    ...queue,
    members: _count.members,
    createdAt: createdAt.toISOString(),
    archivedAt: archivedAt?.toISOString() ?? null,
    counts: counts.get(queue.id) ?? EMPTY_COUNTS,
    mine: members.length ? (progress.get(queue.id) ?? { submitted: 0, skipped: 0, remaining: 0 }) : null,
  }));
}
