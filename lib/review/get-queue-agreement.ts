// The agreement page's data for one queue: its submitted ratings as per-criterion matrices
// (raters as columns, ordered by name), then the statistics of lib/review/agreement.
import "server-only";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../http/errors";
import { splitSteps } from "../model/parse/split-steps";
import { agreementMatrices, type CriterionMatrix, type RatedItem } from "./agreement-matrices";
import { wilsonInterval } from "./agreement/wilson";
import { criterionAgreement, finite, type BootstrapSettings } from "./criterion-agreement";
import { summarizeBackend } from "../runs/backend-label";
import { modelAgreementByTask } from "./model-agreement";
import { parseQueueConfig, type QueueConfig, type ReviewKind } from "./queue-config";
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
      backend: { select: { id: true, name: true, kind: true, model: true } },
      backendB: { select: { id: true, name: true, kind: true, model: true } },
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
    pairwise: queue.kind === "pairwise" ? pairwiseWinRates(config, items) : null,
  };
}

type Backend = { id: string; name: string; kind: "baseline" | "openai_compatible"; model: string | null } | null;

/** Per pairwise criterion: A, B and tie counts over submitted choices, and A's win rate with a Wilson interval. */
function pairwiseWinRates(
  config: QueueConfig,
  items: readonly { backend: Backend; backendB: Backend; ratings: { rubric: unknown }[] }[],
): NonNullable<QueueAgreement["pairwise"]> {
  const label = (backend: Backend) => (backend ? summarizeBackend(backend).label : "—");
  const choices = items.flatMap((item) =>
    item.ratings.map((rating) => (rating.rubric ?? {}) as Record<string, unknown>),
  );
  return {
    backendsA: [...new Set(items.map((item) => label(item.backend)))],
    backendsB: [...new Set(items.map((item) => label(item.backendB)))],
    winRates: config.pairwiseCriteria.map((criterion) => {
      const count = (side: string) => choices.filter((choice) => choice[criterion.key] === side).length;
      const [a, b, ties] = [count("A"), count("B"), count("tie")];
      const interval = wilsonInterval(a, a + b);
      return {
        key: criterion.key,
        label: criterion.label,
        a,
        b,
        ties,
        aWinRate: { estimate: finite(interval.estimate), low: finite(interval.low), high: finite(interval.high) },
      };
    }),
  };
}

/** The matrix with only the columns of `keep` (columns are `ids`, in order). */
function onlyRaters(matrix: CriterionMatrix, ids: readonly string[], keep: ReadonlySet<string>): CriterionMatrix {
  const columns = ids.flatMap((id, column) => (keep.has(id) ? [column] : []));
  return { ...matrix, matrix: matrix.matrix.map((row) => columns.map((column) => row[column])) };
}
