// The study lead edits a queue: name, guidelines, reviewers, reviewers per item, archived.
// Nothing here deletes study data. A removed member's submitted ratings and skips stay (they
// are the study's data and still count for their items); only the items they held without
// submitting are released to the pool, and their drafts stay drafts. Changing reviewersPerItem
// recounts every item's status from its submitted assignments, in the same transaction, with
// the item rows locked as next() and submissions lock them, so no count interleaves.
import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { NotFoundError, ValidationError } from "../http/errors";
import { checkMembers } from "./create-queue";
import type { UpdateQueueRequest, UpdateQueueResponse } from "./update-queue.types";

export async function updateQueue({
  queueId,
  input,
  now = new Date(),
}: {
  queueId: string;
  input: UpdateQueueRequest;
  now?: Date;
}): Promise<UpdateQueueResponse> {
  const current = await db.queue.findUnique({
    where: { id: queueId },
    select: { reviewersPerItem: true, members: { select: { userId: true } } },
  });
  if (!current) throw new NotFoundError("Queue");
  const reviewersPerItem = input.reviewersPerItem ?? current.reviewersPerItem;
  const before = current.members.map((member) => member.userId);
  const after = input.memberIds ? await checkMembers(input.memberIds, reviewersPerItem) : before;
  if (!input.memberIds && after.length < reviewersPerItem) {
    throw new ValidationError(
      `reviewersPerItem: ${reviewersPerItem} reviewers per item need at least as many members (${after.length})`,
    );
  }
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));

  return db.$transaction(async (tx) => {
    // The queue row first: two edits of one queue apply one after the other.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM queue WHERE id = ${queueId} FOR UPDATE`;
    if (!locked) throw new NotFoundError("Queue");
    let releasedAssignments = 0;
    if (removed.length) {
      await tx.queueMember.deleteMany({ where: { queueId, userId: { in: removed } } });
      const released = await tx.assignment.updateMany({
        where: { userId: { in: removed }, status: "reserved", queueItem: { queueId } },
        data: { status: "released", reservedUntil: null },
      });
      releasedAssignments = released.count;
    }
    if (added.length) {
      await tx.queueMember.createMany({
        data: added.map((userId) => ({ queueId, userId })),
        skipDuplicates: true,
      });
    }
    let itemsRestatused = 0;
    if (reviewersPerItem !== current.reviewersPerItem) {
      itemsRestatused = await tx.$executeRaw`
        UPDATE queue_item qi SET status = counted.next_status::queue_item_status
        FROM (
          SELECT i.id,
                 CASE WHEN count(a.id) >= ${reviewersPerItem} THEN 'complete'
                      WHEN count(a.id) > 0 THEN 'needs_others'
                      ELSE 'pending' END AS next_status
          FROM queue_item i
          LEFT JOIN assignment a ON a."queueItemId" = i.id AND a.status = 'submitted'
          WHERE i."queueId" = ${queueId}
          GROUP BY i.id
        ) counted
        WHERE qi.id = counted.id AND qi.status::text <> counted.next_status`;
    }
    const archivedAt =
      input.archived === undefined ? undefined : input.archived ? ((await archivedSince(tx, queueId)) ?? now) : null;
    const queue = await tx.queue.update({
      where: { id: queueId },
      data: { name: input.name, guidelines: input.guidelines, reviewersPerItem, archivedAt },
      select: { id: true, name: true, guidelines: true, reviewersPerItem: true, archivedAt: true },
    });
    const messages = [
      ...(removed.length
        ? [
            `${removed.length} reviewer(s) removed: their submitted ratings and skips stay; ` +
              `${releasedAssignments} item(s) they held without submitting went back to the pool.`,
          ]
        : []),
      ...(added.length ? [`${added.length} reviewer(s) added.`] : []),
      ...(itemsRestatused
        ? [`${itemsRestatused} item(s) changed status with ${reviewersPerItem} reviewer(s) per item.`]
        : []),
      ...(input.archived === true
        ? ["Archived: hidden from the Review page; its data, statistics and exports stay."]
        : []),
      ...(input.archived === false ? ["Reopened: reviewers see it again."] : []),
    ];
    return {
      queue: { ...queue, archivedAt: queue.archivedAt?.toISOString() ?? null, memberIds: after },
      effects: { membersAdded: added, membersRemoved: removed, releasedAssignments, itemsRestatused, messages },
    };
  });
}

/** An archived queue keeps the time it was first archived (archiving twice changes nothing). */
async function archivedSince(tx: Prisma.TransactionClient, queueId: string): Promise<Date | null> {
  const row = await tx.queue.findUnique({ where: { id: queueId }, select: { archivedAt: true } });
  return row?.archivedAt ?? null;
}
