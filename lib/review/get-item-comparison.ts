// The adjudication view of one queue item, for admins: both runs with their model names, every
// rater's rating side by side with how many versions it went through (and, pairwise, which
// run they saw on the left), the final labels set so far and the next disagreement, the
// assignments and the ground truth. Admin-only by route policy; nothing here is shown to reviewers.
import "server-only";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import type { GroundTruthView, ReviewRun } from "./get-review-item.types";
import { adjudicableCriteria, listFinalLabels, nextDisagreement } from "./adjudication";
import type { FinalLabel } from "./adjudication.types";
import { loadReviewRun } from "./load-review-run";
import { parseQueueConfig, type QueueConfig, type ReviewKind } from "./queue-config";
import { readGroundTruth } from "./read-ground-truth";
import { ratingView } from "./rating-view";
import type { RatingView } from "./save-rating.types";

export type ItemComparison = {
  /** Adjudication: the criteria an admin may decide, the final labels so far, the next item to look at. */
  adjudication: {
    criteria: { criterion: string; rowId: string; options: { value: number | string; label: string }[] }[];
    finalLabels: FinalLabel[];
    nextDisagreementId: string | null;
  };
  queue: { id: string; name: string; kind: ReviewKind; config: QueueConfig; reviewersPerItem: number };
  item: { id: string; position: number; status: string; cutoff: string; patientId: string; taskKey: string };
  runs: ReviewRun[];
  /** presentedLeft: pairwise, the slot (A or B) this rater saw on the left. */
  ratings: {
    rater: { id: string; name: string; roles: string };
    rating: RatingView;
    versions: number;
    presentedLeft: "A" | "B" | null;
  }[];
  assignments: { raterName: string; status: string; reservedUntil: string | null }[];
  groundTruth: GroundTruthView | null;
};

export async function getItemComparison({ queueItemId }: { queueItemId: string }): Promise<ItemComparison> {
  const item = await db.queueItem.findUnique({
    where: { id: queueItemId },
    select: {
      id: true,
      position: true,
      status: true,
      cutoff: true,
      patientId: true,
      taskKey: true,
      runId: true,
      runBId: true,
      queue: { select: { id: true, name: true, kind: true, rubric: true, reviewersPerItem: true } },
      assignments: {
        orderBy: { createdAt: "asc" },
        select: { status: true, reservedUntil: true, user: { select: { name: true } } },
      },
      ratings: {
        orderBy: { createdAt: "asc" },
        include: { user: { select: { id: true, name: true, role: true } }, _count: { select: { revisions: true } } },
      },
    },
  });
  if (!item) throw new NotFoundError("Queue item");
  const runIds = [item.runId, item.runBId].filter((id): id is string => Boolean(id));
  const loaded = await Promise.all(
    runIds.map((id, index) => loadReviewRun(id, { slot: index === 0 ? "A" : "B", isBlind: false })),
  );
  const { rubric, ...queue } = item.queue;
  const config = parseQueueConfig(rubric);
  const runs = loaded.map((entry) => entry.run);
  const [finalLabels, nextDisagreementId] = await Promise.all([
    listFinalLabels(item.id),
    nextDisagreement(queue.id, item.id),
  ]);
  return {
    adjudication: {
      criteria: adjudicableCriteria(queue.kind, config, runs).map(({ criterion, row, options }) => ({
        criterion,
        rowId: row.id,
        options,
      })),
      finalLabels,
      nextDisagreementId,
    },
    queue: { ...queue, config },
    item: {
      id: item.id,
      position: item.position,
      status: item.status,
      cutoff: item.cutoff.toISOString(),
      patientId: item.patientId,
      taskKey: item.taskKey,
    },
    runs,
    ratings: item.ratings.map(({ user, _count, ...rating }) => ({
      rater: { id: user.id, name: user.name, roles: user.role },
      rating: ratingView(rating),
      versions: _count.revisions,
      presentedLeft: rating.presentedOrder === "AB" ? "A" : rating.presentedOrder === "BA" ? "B" : null,
    })),
    assignments: item.assignments.map((assignment) => ({
      raterName: assignment.user.name,
      status: assignment.status,
      reservedUntil: assignment.reservedUntil?.toISOString() ?? null,
    })),
    groundTruth: loaded[0] ? await readGroundTruth(loaded[0].source) : null,
  };
}
