// A study lead's new review queue: protocol, reviewers and items in one transaction, so a
// queue never exists half-made. Runs are generated afterwards (generateQueueRuns).
import "server-only";
import { parseRoles } from "../auth/roles";
import { db } from "../db";
import { ValidationError } from "../http/errors";
import type { BackendConfig } from "../model/backends/load-backends";
import { chooseBackend, chooseTask } from "../runs/create-run";
import { upsertCatalogRows } from "../runs/sync-catalog";
import type { CreateQueueRequest, CreateQueueResponse, QueueItemInput, SkippedItem } from "./create-queue.types";
import { selectQueueItems, type ItemDraft } from "./select-queue-items";

/** The members as distinct ids, each an active user holding a reviewer role, at least reviewersPerItem of them. */
export async function checkMembers(memberIds: readonly string[], reviewersPerItem: number): Promise<string[]> {
  const ids = [...new Set(memberIds)];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, role: true, banned: true } });
  for (const id of ids) {
    const user = users.find((candidate) => candidate.id === id);
    if (!user || user.banned) throw new ValidationError(`memberIds: no active user ${id}`);
    if (!parseRoles(user.role).length) throw new ValidationError(`memberIds: user ${id} holds no reviewer role`);
  }
  // Fewer reviewers than the item needs and no item could ever be complete.
  if (ids.length < reviewersPerItem) {
    throw new ValidationError(`memberIds: ${reviewersPerItem} reviewers per item need at least as many members`);
  }
  return ids;
}

/** The items of an explicit list, with their backends resolved and the patients checked. */
async function listedItems(items: readonly QueueItemInput[], isPairwise: boolean): Promise<ItemDraft[]> {
  const patientIds = [...new Set(items.map((item) => item.patientId))];
  const found = await db.patient.findMany({ where: { id: { in: patientIds } }, select: { id: true } });
  const known = new Set(found.map((patient) => patient.id));
  return items.map((item, index) => {
    if (!known.has(item.patientId)) throw new ValidationError(`items.${index}.patientId: no such patient`);
    chooseTask(item.taskKey);
    return {
      patientId: item.patientId,
      taskKey: item.taskKey,
      cutoff: item.cutoff,
      backendId: chooseBackend(item.backendId).id,
      backendBId: isPairwise ? chooseBackend(item.backendBId).id : null,
    };
  });
}

/**
 * A queue's new items from either input (listed items, or patients × tasks), checked and
 * with their Task and Backend rows in place. Used by createQueue and by addQueueItems, so an
 * existing queue grows by exactly the rules it was made by.
 */
export async function resolveQueueItems(
  input: Pick<CreateQueueRequest, "items" | "selection">,
  isPairwise: boolean,
): Promise<{ items: ItemDraft[]; skipped: SkippedItem[] }> {
  const { items, skipped } = input.selection
    ? await selectQueueItems(input.selection, isPairwise)
    : { items: await listedItems(input.items ?? [], isPairwise), skipped: [] };
  if (!items.length) throw new ValidationError("None of the selected patients can answer these tasks.", { skipped });
  if (isPairwise && items.some((item) => item.backendId === item.backendBId)) {
    throw new ValidationError("backendBId: a pairwise item compares two different backends");
  }

  // Items reference Task and Backend rows; the start script syncs them, this covers the rest.
  const taskKeys = [...new Set(items.map((item) => item.taskKey))];
  const backendIds = [...new Set(items.flatMap((item) => [item.backendId, item.backendBId ?? item.backendId]))];
  const backends: BackendConfig[] = backendIds.map((id) => chooseBackend(id));
  await upsertCatalogRows(db, taskKeys.map(chooseTask), backends);
  return { items, skipped };
}

export async function createQueue({
  userId,
  input,
}: {
  userId: string;
  input: CreateQueueRequest;
}): Promise<CreateQueueResponse> {
  const memberIds = await checkMembers(input.memberIds, input.reviewersPerItem);
  const { items, skipped } = await resolveQueueItems(input, input.kind === "pairwise");

  const queue = await db.$transaction(async (tx) => {
    const created = await tx.queue.create({
      data: {
        name: input.name,
        kind: input.kind,
        rubric: input.config,
        reviewersPerItem: input.reviewersPerItem,
        reservationMinutes: input.reservationMinutes,
        hideAfterCutoff: input.hideAfterCutoff,
        groundTruthAfterRating: input.groundTruthAfterRating,
        guidelines: input.guidelines,
        createdById: userId,
      },
      select: { id: true, name: true },
    });
    await tx.queueMember.createMany({ data: memberIds.map((memberId) => ({ queueId: created.id, userId: memberId })) });
    await tx.queueItem.createMany({
      data: items.map((item, position) => ({ ...item, queueId: created.id, position })),
    });
    return created;
  });
  return { queue: { ...queue, items: items.length }, skipped };
}
