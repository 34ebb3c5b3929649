// A reviewer skips an item they hold: "cannot assess from this record", "not my specialty",
// or another reason in words. Their assignment becomes `skipped` (reason, note, time kept on
// it), so the slot they held returns to the pool for other reviewers (takenSlots counts only
// reserved and submitted assignments), next() never offers them the item again (it skips
// items the user has any assignment on other than a released one), and for agreement
// statistics and exports their rating of the item is missing. A draft they had saved stays
// a draft: it is history, never a submitted rating.
import "server-only";
import { db } from "../db";
import { ConflictError, ForbiddenError, NotFoundError } from "../http/errors";
import type { SkipRequest, SkipView } from "./skip-queue-item.types";

export async function skipQueueItem({
  userId,
  queueId,
  queueItemId,
  input,
  now = new Date(),
}: {
  userId: string;
  queueId: string;
  queueItemId: string;
  input: SkipRequest;
  now?: Date;
}): Promise<SkipView> {
  return db.$transaction(async (tx) => {
    // The item row first, as next() and submissions lock it: a skip never interleaves with a count.
    const [item] = await tx.$queryRaw<{ id: string }[]>`
      SELECT qi.id FROM queue_item qi JOIN queue q ON q.id = qi."queueId"
      WHERE qi.id = ${queueItemId} AND qi."queueId" = ${queueId} AND q."archivedAt" IS NULL
      FOR UPDATE OF qi`;
    if (!item) throw new NotFoundError("Queue item");
    const assignment = await tx.assignment.findUnique({
      where: { queueItemId_userId: { queueItemId, userId } },
    });
    if (!assignment) throw new ForbiddenError("This queue item is not assigned to you.");
    if (assignment.status === "skipped") {
      return {
        reason: assignment.skipReason!,
        note: assignment.skipNote ?? "",
        skippedAt: assignment.skippedAt!.toISOString(),
      };
    }
    if (assignment.status === "submitted") {
      throw new ConflictError("You submitted a rating of this item; a submitted item cannot be skipped.", {
        reason: "submitted",
      });
    }
    const saved = await tx.assignment.update({
      where: { id: assignment.id },
      data: { status: "skipped", skipReason: input.reason, skipNote: input.note, skippedAt: now, reservedUntil: null },
    });
    return { reason: saved.skipReason!, note: saved.skipNote ?? "", skippedAt: saved.skippedAt!.toISOString() };
  });
}
