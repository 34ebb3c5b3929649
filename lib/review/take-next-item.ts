// next(): hand a reviewer one queue item they have not rated, and never more reviewers an
// item than it needs, however many ask at once. In one transaction: the caller's own held
// item first (a reload must not hand out a second one); otherwise the first item with a free
// slot, picked with SELECT … FOR UPDATE SKIP LOCKED so concurrent callers spread over
// different items instead of queueing behind one. A reservation past its reservedUntil no
// longer holds a slot, so an abandoned item returns to the pool by itself.
import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { ForbiddenError, NotFoundError } from "../http/errors";
import type { NextItemResponse } from "./take-next-item.types";

type Tx = Prisma.TransactionClient;
type QueueRow = { id: string; kind: string; reviewersPerItem: number; reservationMinutes: number | null };
type Candidate = { id: string; runId: string; runBId: string | null };

// Slots held by others: submitted, or reserved and not yet expired at `now`.
const takenSlots = (userId: string, now: Date) => Prisma.sql`
  (SELECT count(*) FROM assignment a
   WHERE a."queueItemId" = qi.id AND a."userId" <> ${userId}
     AND (a.status = 'submitted'
          OR (a.status = 'reserved' AND (a."reservedUntil" IS NULL OR a."reservedUntil" > ${now}))))`;

// Items that can be rated now (runs finished) and that the user has not submitted or holds.
const servable = (queue: QueueRow, userId: string) => Prisma.sql`
  qi."queueId" = ${queue.id} AND qi.status <> 'complete'
  AND EXISTS (SELECT 1 FROM prediction_run r WHERE r.id = qi."runId" AND r.status = 'done')
  ${
    queue.kind === "pairwise"
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM prediction_run r WHERE r.id = qi."runBId" AND r.status = 'done')`
      : Prisma.empty
  }
  AND NOT EXISTS (SELECT 1 FROM assignment a
                  WHERE a."queueItemId" = qi.id AND a."userId" = ${userId} AND a.status <> 'released')`;

async function hasFreeSlot(tx: Tx, queue: QueueRow, itemId: string, userId: string, now: Date): Promise<boolean> {
  // A fresh statement: in READ COMMITTED it sees whatever committed while we waited for the lock.
  const [row] = await tx.$queryRaw<{ free: boolean }[]>`
    SELECT ${takenSlots(userId, now)} < ${queue.reviewersPerItem} AS free FROM queue_item qi WHERE qi.id = ${itemId}`;
  return Boolean(row?.free);
}

function reservedUntil(queue: QueueRow, now: Date): Date | null {
  return queue.reservationMinutes ? new Date(now.getTime() + queue.reservationMinutes * 60_000) : null;
}

/** The caller's held item, re-reserved; released instead if it expired and others filled it. */
async function resumeHeld(tx: Tx, queue: QueueRow, userId: string, now: Date) {
  const [held] = await tx.$queryRaw<(Candidate & { assignmentId: string })[]>`
    SELECT a.id AS "assignmentId", qi.id, qi."runId", qi."runBId"
    FROM assignment a JOIN queue_item qi ON qi.id = a."queueItemId"
    WHERE qi."queueId" = ${queue.id} AND a."userId" = ${userId} AND a.status = 'reserved' AND qi."runId" IS NOT NULL
    ORDER BY a."createdAt", a.id
    LIMIT 1
    FOR UPDATE OF qi`;
  if (!held) return null;
  const until = reservedUntil(queue, now);
  if (!(await hasFreeSlot(tx, queue, held.id, userId, now))) {
    await tx.assignment.update({ where: { id: held.assignmentId }, data: { status: "released" } });
    return null;
  }
  await tx.assignment.update({ where: { id: held.assignmentId }, data: { reservedUntil: until } });
  return { item: held, until, isResumed: true };
}

async function lockCandidate(tx: Tx, queue: QueueRow, userId: string, now: Date, skipLocked: boolean) {
  const [candidate] = await tx.$queryRaw<Candidate[]>`
    SELECT qi.id, qi."runId", qi."runBId" FROM queue_item qi
    WHERE ${servable(queue, userId)} AND ${takenSlots(userId, now)} < ${queue.reviewersPerItem}
    ORDER BY qi.position, qi.id
    LIMIT 1
    FOR UPDATE OF qi ${skipLocked ? Prisma.sql`SKIP LOCKED` : Prisma.empty}`;
  return candidate ?? null;
}

async function reserveNew(tx: Tx, queue: QueueRow, userId: string, now: Date) {
  // Each pass locks one item; a full one (someone committed first) sends us to the next.
  for (let attempt = 0; attempt < 50; attempt += 1) {
    // Skipping locked rows spreads concurrent callers; when every candidate is locked, wait
    // for one (its holder may leave a slot free) rather than wrongly answer "nothing left".
    const candidate =
      (await lockCandidate(tx, queue, userId, now, true)) ?? (await lockCandidate(tx, queue, userId, now, false));
    if (!candidate) return null;
    if (!(await hasFreeSlot(tx, queue, candidate.id, userId, now))) continue;
    const until = reservedUntil(queue, now);
    await tx.assignment.upsert({
      where: { queueItemId_userId: { queueItemId: candidate.id, userId } },
      create: { queueItemId: candidate.id, userId, status: "reserved", reservedUntil: until },
      update: { status: "reserved", reservedUntil: until },
    });
    return { item: candidate, until, isResumed: false };
  }
  return null;
}

async function remainingFor(tx: Tx, queueId: string, userId: string): Promise<number> {
  return tx.queueItem.count({
    where: {
      queueId,
      // Submitted and skipped items are done for this reviewer.
      NOT: { assignments: { some: { userId, status: { in: ["submitted", "skipped"] } } } },
      OR: [{ status: { not: "complete" } }, { assignments: { some: { userId, status: "reserved" } } }],
    },
  });
}

/** Deadlock or serialization failure: PostgreSQL aborted the transaction, asking again is safe. */
const isRetryable = (error: unknown) =>
  (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") ||
  /deadlock detected|could not serialize/i.test(error instanceof Error ? error.message : "");

export async function takeNextItem({
  userId,
  queueId,
  now = new Date(),
}: {
  userId: string;
  queueId: string;
  now?: Date;
}): Promise<NextItemResponse> {
  const queue = await db.queue.findUnique({
    where: { id: queueId },
    select: {
      id: true,
      kind: true,
      reviewersPerItem: true,
      reservationMinutes: true,
      archivedAt: true,
      members: { where: { userId }, select: { userId: true } },
    },
  });
  if (!queue || queue.archivedAt) throw new NotFoundError("Queue");
  if (!queue.members.length) throw new ForbiddenError("You are not a reviewer in this queue.");

  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.$transaction(
        async (tx) => {
          // One next() per reviewer and queue at a time: two tabs must not take two items.
          await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${`next:${queueId}:${userId}`}::text, 0))`;
          const taken = (await resumeHeld(tx, queue, userId, now)) ?? (await reserveNew(tx, queue, userId, now));
          const remaining = await remainingFor(tx, queueId, userId);
          if (!taken) return { item: null, remaining };
          return {
            item: {
              queueItemId: taken.item.id,
              runId: taken.item.runId,
              runBId: queue.kind === "pairwise" ? taken.item.runBId : null,
              reservedUntil: taken.until?.toISOString() ?? null,
              isResumed: taken.isResumed,
            },
            remaining,
          };
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
    } catch (error) {
      // A deadlock between two waiting callers aborts one of them; it simply asks again.
      if (attempt >= 5 || !isRetryable(error)) throw error;
    }
  }
}
