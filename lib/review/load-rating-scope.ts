// Who may rate what, and against which scale: the run, the queue item and queue it is rated
// in (if any), and the target the content is validated against. One place for the rules, so
// saving, reading the review page and its API all refuse the same things.
import type { Prisma } from "../generated/prisma/client";
import { ForbiddenError, NotFoundError, ValidationError } from "../http/errors";
import { splitSteps } from "../model/parse/split-steps";
import { DEFAULT_QUEUE_CONFIG, parseQueueConfig, type QueueConfig, type ReviewKind } from "./queue-config";
import type { RatingTarget } from "./rating-rules";

type Client = Prisma.TransactionClient;

export type RatingQueue = {
  id: string;
  kind: ReviewKind;
  config: QueueConfig;
  reviewersPerItem: number;
  groundTruthAfterRating: boolean;
  hideAfterCutoff: boolean;
};

export type RatingScope = {
  run: { id: string; status: string; patientId: string; cutoff: Date };
  queue: RatingQueue | null;
  queueItemId: string | null;
  target: RatingTarget;
};

const QUEUE_SELECT = {
  id: true,
  kind: true,
  rubric: true,
  reviewersPerItem: true,
  groundTruthAfterRating: true,
  hideAfterCutoff: true,
} as const;

function toQueue(queue: {
  id: string;
  kind: ReviewKind;
  rubric: unknown;
  reviewersPerItem: number;
  groundTruthAfterRating: boolean;
  hideAfterCutoff: boolean;
}): RatingQueue {
  const { rubric, ...rest } = queue;
  return { ...rest, config: parseQueueConfig(rubric) };
}

/**
 * Rules: a queue rating needs the rater's own assignment on that item (next() gave it to
 * them), even for admins, so nobody rates an item outside the queue's allocation. A run that
 * belongs to a queue the rater is a member of must be rated through that queue, so the
 * queue's scale and blind protocol cannot be sidestepped. Pairwise ratings exist only in
 * queues (they need the second run).
 */
export async function loadRatingScope(
  client: Client,
  input: { userId: string; runId: string; kind: ReviewKind; queueItemId?: string | null },
): Promise<RatingScope> {
  const run = await client.predictionRun.findUnique({
    where: { id: input.runId },
    select: {
      id: true,
      status: true,
      patientId: true,
      cutoff: true,
      reasoning: true,
      items: { select: { rank: true } },
    },
  });
  if (!run) throw new NotFoundError("Run");
  const base = { id: run.id, status: run.status, patientId: run.patientId, cutoff: run.cutoff };
  const target = (kind: ReviewKind, config: QueueConfig): RatingTarget => ({
    kind,
    config,
    itemRanks: run.items.map((item) => item.rank).sort((a, b) => a - b),
    stepIds: splitSteps(run.reasoning).map((step) => step.id),
  });

  if (input.queueItemId) {
    const item = await client.queueItem.findUnique({
      where: { id: input.queueItemId },
      select: {
        id: true,
        runId: true,
        queue: { select: QUEUE_SELECT },
        assignments: { where: { userId: input.userId }, select: { id: true, status: true } },
      },
    });
    if (!item) throw new NotFoundError("Queue item");
    if (!item.assignments.length) throw new ForbiddenError("This queue item is not assigned to you.");
    // A skip is the rater's answer for the item: a rating after it would count twice (missing and rated).
    if (item.assignments[0].status === "skipped") throw new ForbiddenError("You skipped this queue item.");
    if (item.runId !== run.id) throw new ValidationError("queueItemId: the run is not this queue item's run");
    if (item.queue.kind !== input.kind) {
      throw new ValidationError(`kind: the queue collects ${item.queue.kind} ratings, not ${input.kind}`);
    }
    const queue = toQueue(item.queue);
    return { run: base, queue, queueItemId: item.id, target: target(input.kind, queue.config) };
  }

  if (input.kind === "pairwise") throw new ValidationError("queueItemId: pairwise ratings are made in a queue");
  if (await isRatedInQueueBy(client, { userId: input.userId, runId: run.id, kind: input.kind })) {
    throw new ValidationError("queueItemId: rate this run through its review queue");
  }
  return { run: base, queue: null, queueItemId: null, target: target(input.kind, DEFAULT_QUEUE_CONFIG) };
}

/** The run is an item of a live queue of this kind that the user reviews in. */
export async function isRatedInQueueBy(
  client: Client,
  input: { userId: string; runId: string; kind: ReviewKind },
): Promise<boolean> {
  const member = await client.queueItem.findFirst({
    where: {
      runId: input.runId,
      queue: { kind: input.kind, archivedAt: null, members: { some: { userId: input.userId } } },
    },
    select: { id: true },
  });
  return member !== null;
}
