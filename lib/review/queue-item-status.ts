// A queue item's status follows from how many of its reviewers have submitted:
// pending (none) → needs_others (some) → complete (reviewersPerItem or more).
import type { Prisma } from "../generated/prisma/client";

export type QueueItemStatus = "pending" | "needs_others" | "complete";

function itemStatusFor(submitted: number, reviewersPerItem: number): QueueItemStatus {
  if (submitted >= reviewersPerItem) return "complete";
  return submitted > 0 ? "needs_others" : "pending";
}

/**
 * Marks the rater's assignment submitted and moves the item on, in the caller's transaction.
 * The item row is locked first, as next() locks it, so a count and a reservation of the same
 * item never interleave.
 */
export async function recordSubmission(
  tx: Prisma.TransactionClient,
  input: { queueItemId: string; userId: string; reviewersPerItem: number },
): Promise<QueueItemStatus> {
  await tx.$queryRaw`SELECT id FROM queue_item WHERE id = ${input.queueItemId} FOR UPDATE`;
  await tx.assignment.update({
    where: { queueItemId_userId: { queueItemId: input.queueItemId, userId: input.userId } },
    data: { status: "submitted", reservedUntil: null },
  });
  const submitted = await tx.assignment.count({ where: { queueItemId: input.queueItemId, status: "submitted" } });
  const status = itemStatusFor(submitted, input.reviewersPerItem);
  await tx.queueItem.update({ where: { id: input.queueItemId }, data: { status } });
  return status;
}
