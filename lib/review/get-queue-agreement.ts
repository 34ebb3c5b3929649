// The agreement page's data for one queue: its submitted ratings as per-criterion matrices
// (raters as columns, ordered by name), then the statistics of lib/review/agreement.
import { db } from "../db";
import { NotFoundError, ValidationError } from "../http/errors";
import { splitSteps } from "../model/parse/split-steps";
import { agreementMatrices, type CriterionMatrix, type RatedItem } from "./agreement-matrices";
import { criterionAgreement, type BootstrapSettings } from "./criterion-agreement";
import { modelAgreementByTask } from "./model-agreement";
import { parseQueueConfig, type ReviewKind } from "./queue-config";
import { parseRoles } from "../auth/roles";
import type { QueueAgreement } from "./queue-agreement.types";
import { ratingView } from "./rating-view";

/** Fixed, and printed on the page: the same data always gives the same intervals. */
const BOOTSTRAP: BootstrapSettings = { iterations: 1000, confidence: 0.95, seed: 20_251_030 };

export async function getQueueAgreement({
  queueId,
  kind,
  bootstrap = BOOTSTRAP,
}: {
  queueId: string;
  kind?: ReviewKind;
  bootstrap?: BootstrapSettings;
}): Promise<QueueAgreement> {
  const queue = await db.queue.findUnique({
    where: { id: queueId },
    select: { id: true, kind: true, rubric: true, reviewersPerItem: true },
  });
  if (!queue) throw new NotFoundError("Queue");
  if (kind && kind !== queue.kind) throw new ValidationError(`kind: this queue collects ${queue.kind} ratings`);
  const config = parseQueueConfig(queue.rubric);

  const items = await db.queueItem.findMany({
    where: { queueId, runId: { not: null } },
    orderBy: { position: "asc" },
    select: {
      id: true,
      taskKey: true,
      run: { select: { reasoning: true, items: { select: { rank: true }, orderBy: { rank: "asc" } } } },
      ratings: { where: { status: "submitted", kind: queue.kind }, orderBy: { userId: "asc" } },
    },
  });
  const raterIds = [...new Set(items.flatMap((item) => item.ratings.map((rating) => rating.userId)))];
  const users = await db.user.findMany({
    where: { id: { in: raterIds } },
    select: { id: true, name: true, role: true },
  });
  const raters = users
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map(({ id, name }) => ({ id, name }));
  const clinicianIds = new Set(users.filter((user) => parseRoles(user.role).includes("clinician")).map((u) => u.id));

  const rated: RatedItem[] = items.map((item) => ({
    queueItemId: item.id,
    taskKey: item.taskKey,
    itemRanks: item.run?.items.map((entry) => entry.rank) ?? [],
    stepIds: splitSteps(item.run?.reasoning ?? "").map((step) => step.id),
    ratings: item.ratings.map((row) => ({ ...ratingView(row), raterId: row.userId })),
  }));
  const ids = raters.map((rater) => rater.id);
  const matrices = agreementMatrices(queue.kind, config, rated, ids);
  const options = { reviewersPerItem: queue.reviewersPerItem, bootstrap };
  const perItem = queue.kind === "agreement" ? matrices.find((matrix) => matrix.key === "item") : undefined;
  return {
    queueId,
    kind: queue.kind,
    raters,
    reviewersPerItem: queue.reviewersPerItem,
    bootstrap,
    criteria: matrices.map((matrix) => criterionAgreement(matrix, options)),
    // "Clinicians' agreement with the model": an admin or annotator who rated too is left out.
    modelAgreement: perItem
      ? modelAgreementByTask(
          onlyRaters(perItem, ids, clinicianIds),
          config.agreementScale,
          ids.filter((id) => clinicianIds.has(id)),
          bootstrap,
        )
      : [],
  };
}

/** The matrix with only the columns of `keep` (columns are `ids`, in order). */
function onlyRaters(matrix: CriterionMatrix, ids: readonly string[], keep: ReadonlySet<string>): CriterionMatrix {
  const columns = ids.flatMap((id, column) => (keep.has(id) ? [column] : []));
  return { ...matrix, matrix: matrix.matrix.map((row) => columns.map((column) => row[column])) };
}
