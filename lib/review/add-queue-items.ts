// Items added to an existing queue go after its last one, resolved by the same code as a new
// queue's (resolveQueueItems), so the two cannot drift. Runs are generated afterwards, as for a
// new queue (the queue page's "Generate runs"). An archived queue takes no new items: reopen
// it first, so nothing is added where no reviewer can see it.
import "server-only";
import { db } from "../db";
import { ConflictError, NotFoundError } from "../http/errors";
import type { AddQueueItemsRequest, AddQueueItemsResponse } from "./add-queue-items.types";
import { resolveQueueItems } from "./create-queue";

export async function addQueueItems({
  queueId,
  input,
}: {
  queueId: string;
  input: AddQueueItemsRequest;
}): Promise<AddQueueItemsResponse> {
  const queue = await db.queue.findUnique({ where: { id: queueId }, select: { kind: true, archivedAt: true } });
  if (!queue) throw new NotFoundError("Queue");
  if (queue.archivedAt) throw new ConflictError("This queue is archived; reopen it before adding items.");
  const { items, skipped } = await resolveQueueItems(input, queue.kind === "pairwise");
  return db.$transaction(async (tx) => {
    // The queue row locked: two additions at once number their items one after the other.
    await tx.$queryRaw`SELECT id FROM queue WHERE id = ${queueId} FOR UPDATE`;
    const last = await tx.queueItem.aggregate({ where: { queueId }, _max: { position: true } });
    const start = (last._max.position ?? -1) + 1;
    await tx.queueItem.createMany({
      data: items.map((item, index) => ({ ...item, queueId, position: start + index })),
    });
    const total = await tx.queueItem.count({ where: { queueId } });
    return { added: items.length, items: total, skipped };
  });
}
