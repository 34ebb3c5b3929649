// A reviewer flags an item they were given (held, submitted or skipped) for the study lead.
// Their assignment and rating are untouched: a flag neither rates nor skips.
import "server-only";
import { db } from "../db";
import { ForbiddenError, NotFoundError } from "../http/errors";
import type { FlagRequest, OwnFlagView } from "./queue-flags.types";

export async function flagQueueItem({
  userId,
  queueId,
  queueItemId,
  input,
}: {
  userId: string;
  queueId: string;
  queueItemId: string;
  input: FlagRequest;
}): Promise<OwnFlagView> {
  const item = await db.queueItem.findFirst({
    where: { id: queueItemId, queueId, queue: { archivedAt: null } },
    select: { id: true, assignments: { where: { userId }, select: { id: true } } },
  });
  if (!item) throw new NotFoundError("Queue item");
  if (!item.assignments.length) throw new ForbiddenError("This queue item is not assigned to you.");
  const flag = await db.queueFlag.create({
    data: { queueItemId, userId, note: input.note },
    select: { id: true, note: true, createdAt: true, resolvedAt: true },
  });
  return { ...flag, createdAt: flag.createdAt.toISOString(), resolvedAt: null };
}
