// Flags for the study lead: every flag of a queue (or of one item), open ones first, and a
// reviewer's own flags on one item (the review page shows them what they raised).
import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { OwnFlagView, QueueFlagView } from "./queue-flags.types";

export const FLAG_SELECT = {
  id: true,
  queueItemId: true,
  note: true,
  createdAt: true,
  resolvedAt: true,
  user: { select: { name: true } },
  resolvedBy: { select: { name: true } },
  queueItem: { select: { position: true } },
} satisfies Prisma.QueueFlagSelect;

export function toFlagView(flag: Prisma.QueueFlagGetPayload<{ select: typeof FLAG_SELECT }>): QueueFlagView {
  return {
    id: flag.id,
    queueItemId: flag.queueItemId,
    itemPosition: flag.queueItem.position + 1,
    raterName: flag.user.name,
    note: flag.note,
    createdAt: flag.createdAt.toISOString(),
    resolvedAt: flag.resolvedAt?.toISOString() ?? null,
    resolvedByName: flag.resolvedBy?.name ?? null,
  };
}

export async function listQueueFlags({
  queueId,
  queueItemId,
}: {
  queueId: string;
  queueItemId?: string;
}): Promise<QueueFlagView[]> {
  const flags = await db.queueFlag.findMany({
    where: { queueItem: { queueId }, ...(queueItemId ? { queueItemId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: FLAG_SELECT,
  });
  // Open flags first (what needs the study lead), each group oldest first.
  return flags.map(toFlagView).sort((a, b) => Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null));
}

export async function listOwnFlags({
  userId,
  queueItemId,
}: {
  userId: string;
  queueItemId: string;
}): Promise<OwnFlagView[]> {
  const flags = await db.queueFlag.findMany({
    where: { userId, queueItemId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, note: true, createdAt: true, resolvedAt: true },
  });
  return flags.map((flag) => ({
    ...flag,
    createdAt: flag.createdAt.toISOString(),
    resolvedAt: flag.resolvedAt?.toISOString() ?? null,
  }));
}
