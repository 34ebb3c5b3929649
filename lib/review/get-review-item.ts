// The review page's data for one queue item (getQueueReviewItem) or for a run reviewed
// outside queues (getRunReviewItem). The caller must hold the item (next() gave it to them);
// model names are hidden in queues, pairwise sides are put in this rater's stable order, and
// the ground truth is included only when the protocol allows it.
import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { ForbiddenError, NotFoundError } from "../http/errors";
import { getTask } from "../model/tasks/task-catalog";
import { mayShowGroundTruth, presentedOrderFor } from "../auth/blind-rules";
import { getMyRating } from "./get-my-rating";
import { listOwnFlags } from "./list-queue-flags";
import type { ReviewItem, ReviewRun } from "./get-review-item.types";
import { loadRatingScope } from "./load-rating-scope";
import { loadReviewRun, type RunSource } from "./load-review-run";
import { parseQueueConfig, type ReviewKind } from "./queue-config";
import { queueItemNavigation } from "./queue-item-navigation";
import { readGroundTruth } from "./read-ground-truth";
import type { RatingView } from "./save-rating.types";

async function patientHeader(patientId: string): Promise<ReviewItem["patient"]> {
  const patient = await db.patient.findUniqueOrThrow({
    where: { id: patientId },
    select: { id: true, externalId: true, source: true, gender: true, anchorAge: true },
  });
  const { anchorAge, ...rest } = patient;
  return { ...rest, age: anchorAge };
}

function taskHeader(taskKey: string): ReviewItem["task"] {
  const task = getTask(taskKey);
  return task
    ? { key: task.key, title: task.title, answerType: task.answerType, instruction: task.instruction }
    : { key: taskKey, title: taskKey, answerType: "item_list", instruction: "" };
}

async function assemble(input: {
  kind: ReviewKind;
  config: ReviewItem["config"];
  queue: ReviewItem["queue"];
  queueItemId: string | null;
  source: RunSource;
  runs: ReviewRun[];
  rating: RatingView | null;
  navigation?: ReviewItem["navigation"];
  skip?: ReviewItem["skip"];
  flags?: ReviewItem["flags"];
}): Promise<ReviewItem> {
  const isShown = mayShowGroundTruth(input.queue, input.rating);
  const groundTruth = isShown ? await readGroundTruth(input.source) : null;
  return {
    kind: input.kind,
    config: input.config,
    queue: input.queue,
    queueItemId: input.queueItemId,
    patient: await patientHeader(input.source.patientId),
    task: taskHeader(input.source.taskKey),
    cutoff: input.source.cutoff.toISOString(),
    runs: input.runs,
    rating: input.rating,
    groundTruth,
    isGroundTruthWithheld: !isShown,
    isFinal: Boolean(input.queue?.groundTruthAfterRating && input.rating?.status === "submitted"),
    navigation: input.navigation ?? null,
    skip: input.skip ?? null,
    flags: input.flags ?? [],
  };
}

export async function getQueueReviewItem({
  user,
  queueItemId,
}: {
  user: Pick<CurrentUser, "id">;
  queueItemId: string;
}): Promise<ReviewItem> {
  const item = await db.queueItem.findUnique({
    where: { id: queueItemId },
    select: {
      id: true,
      runId: true,
      runBId: true,
      queue: {
        select: {
          id: true,
          name: true,
          kind: true,
          rubric: true,
          hideAfterCutoff: true,
          groundTruthAfterRating: true,
          guidelines: true,
        },
      },
      assignments: {
        where: { userId: user.id },
        select: { id: true, status: true, skipReason: true, skipNote: true, skippedAt: true },
      },
    },
  });
  if (!item) throw new NotFoundError("Queue item");
  if (!item.assignments.length) throw new ForbiddenError("This queue item is not assigned to you.");
  if (!item.runId || (item.queue.kind === "pairwise" && !item.runBId)) {
    throw new NotFoundError("Run of this queue item");
  }
  const { rubric, kind, ...queue } = item.queue;
  const rating = await getMyRating({ userId: user.id, runId: item.runId, kind });
  const a = await loadReviewRun(item.runId, { slot: "A", isBlind: true });
  let runs = [a.run];
  if (kind === "pairwise") {
    const { run: b } = await loadReviewRun(item.runBId!, { slot: "B", isBlind: true });
    const order = rating?.presentedOrder ?? (await presentedOrderFor(db, user.id, item.id));
    runs = order === "AB" ? [a.run, b] : [b, a.run];
  }
  const config = parseQueueConfig(rubric);
  const navigation = await queueItemNavigation({ userId: user.id, queueItemId: item.id });
  const [mine] = item.assignments;
  const skip =
    mine.status === "skipped" && mine.skipReason
      ? { reason: mine.skipReason, note: mine.skipNote ?? "", skippedAt: (mine.skippedAt ?? new Date()).toISOString() }
      : null;
  const flags = await listOwnFlags({ userId: user.id, queueItemId: item.id });
  return assemble({
    kind,
    config,
    queue,
    queueItemId: item.id,
    source: a.source,
    runs,
    rating,
    navigation,
    skip,
    flags,
  });
}

export async function getRunReviewItem({
  user,
  runId,
  kind,
}: {
  user: Pick<CurrentUser, "id">;
  runId: string;
  kind: Exclude<ReviewKind, "pairwise">;
}): Promise<ReviewItem> {
  // The same rules as saving: a member of the run's queue is sent there instead.
  const scope = await loadRatingScope(db, { userId: user.id, runId, kind });
  const { run, source } = await loadReviewRun(runId, { slot: "A", isBlind: false });
  const rating = await getMyRating({ userId: user.id, runId, kind });
  const config = scope.target.config;
  return assemble({ kind, config, queue: null, queueItemId: null, source, runs: [run], rating });
}
