// The study lead marks a flag resolved (or open again); who and when are kept on the flag.
import "server-only";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { FLAG_SELECT, toFlagView } from "./list-queue-flags";
import type { QueueFlagView, ResolveFlagRequest } from "./queue-flags.types";

export async function resolveQueueFlag({
  userId,
  queueId,
  flagId,
  input,
  now = new Date(),
}: {
  userId: string;
  queueId: string;
  flagId: string;
  input: ResolveFlagRequest;
  now?: Date;
}): Promise<QueueFlagView> {
  const found = await db.queueFlag.findFirst({ where: { id: flagId, queueItem: { queueId } }, select: { id: true } });
  if (!found) throw new NotFoundError("Flag");
  const flag = await db.queueFlag.update({
    where: { id: flagId },
    data: input.resolved ? { resolvedAt: now, resolvedById: userId } : { resolvedAt: null, resolvedById: null },
    select: FLAG_SELECT,
  });
  return toFlagView(flag);
}
