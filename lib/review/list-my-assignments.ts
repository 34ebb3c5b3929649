// A reviewer's own items in their queues: what they hold and what they have rated, newest
// first, so they can go back to a draft or look at a submitted item's ground truth.
import "server-only";
import { db } from "../db";

export type MyAssignment = {
  queueItemId: string;
  queueId: string;
  queueName: string;
  taskKey: string;
  patientExternalId: string;
  status: "reserved" | "submitted" | "released" | "skipped";
  reservedUntil: string | null;
  updatedAt: string;
};

export async function listMyAssignments({ userId, limit = 50 }: { userId: string; limit?: number }) {
  const rows = await db.assignment.findMany({
    where: { userId, queueItem: { queue: { archivedAt: null } } },
    orderBy: { updatedAt: "desc" },
    take: limit,
    select: {
      status: true,
      reservedUntil: true,
      updatedAt: true,
      queueItem: {
        select: {
          id: true,
          taskKey: true,
          patient: { select: { externalId: true } },
          queue: { select: { id: true, name: true } },
        },
      },
    },
  });
  return rows.map((row): MyAssignment => ({
    queueItemId: row.queueItem.id,
    queueId: row.queueItem.queue.id,
    queueName: row.queueItem.queue.name,
    taskKey: row.queueItem.taskKey,
    patientExternalId: row.queueItem.patient.externalId,
    status: row.status,
    reservedUntil: row.reservedUntil?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  }));
}
