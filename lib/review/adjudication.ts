// Adjudication: after comparing the raters of a queue item, the study lead sets the final
// label per criterion (with a note). Criteria are named as the export names them
// ("item:<rank>", "overall", a rubric or pairwise key) so the export joins the final label to
// its rows; the values are the criterion's own (a scale level, or A / B / tie). Confidence
// and step flags are each rater's own and are not adjudicated.
import "server-only";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../http/errors";
import type { FinalLabel, FinalLabelRequest } from "./adjudication.types";
import type { ReviewRun } from "./get-review-item.types";
import { parseQueueConfig, type QueueConfig, type ReviewKind } from "./queue-config";
import { formRows, rowValue, type FormRow } from "./rating-form";
import { ratingView } from "./rating-view";
import type { RatingView } from "./save-rating.types";

export type AdjudicableCriterion = {
  criterion: string;
  /** The rating form's row it corresponds to (to read each rater's answer). */
  row: FormRow;
  options: { value: number | string; label: string }[];
};

/** The export's criterion key of a form row, or null for rows that are not adjudicated. */
function criterionKey(row: FormRow): string | null {
  switch (row.target.type) {
    case "item":
      return `item:${row.target.rank}`;
    case "overall":
      return "overall";
    case "criterion":
    case "pair":
      return row.target.key;
    default:
      return null;
  }
}

/**
 * The criteria an admin may set a final label on. `runs` in slot order (A, then B): pairwise
 * choices are labelled by slot and backend, not by a rater's left and right.
 */
export function adjudicableCriteria(
  kind: ReviewKind,
  config: QueueConfig,
  runs: readonly ReviewRun[],
): AdjudicableCriterion[] {
  const inSlotOrder = [...runs].sort((a, b) => a.slot.localeCompare(b.slot));
  const slotLabel = (slot: string) => {
    const run = inSlotOrder.find((candidate) => candidate.slot === slot);
    return `${slot} better${run?.modelLabel ? ` (${run.modelLabel})` : ""}`;
  };
  return formRows(kind, config, inSlotOrder).flatMap((row) => {
    const criterion = criterionKey(row);
    if (!criterion) return [];
    const options =
      row.target.type === "pair"
        ? (["A", "tie", "B"] as const).map((value) => ({ value, label: value === "tie" ? "Tie" : slotLabel(value) }))
        : row.options.map((option) => ({ value: option.value, label: `${option.value} ${option.label}` }));
    return [{ criterion, row, options }];
  });
}

/** Whether the submitted ratings give more than one answer on a criterion. */
export function isDisagreement(criterion: AdjudicableCriterion, ratings: readonly RatingView[]): boolean {
  const answers = ratings
    .filter((rating) => rating.status === "submitted")
    .map((rating) => rowValue(rating, criterion.row))
    .filter((value) => value !== null && !(Array.isArray(value) && !value.length));
  return new Set(answers.map((value) => JSON.stringify(value))).size > 1;
}

/** What the criteria depend on: run A's predicted items (they name the item criteria), and whether there is a run B. */
function runShapes(items: ReviewRun["items"], hasRunB: boolean): ReviewRun[] {
  const shape = (slot: "A" | "B", runItems: ReviewRun["items"]): ReviewRun => ({
    slot,
    runId: "",
    status: "done",
    error: null,
    steps: [],
    answer: "",
    items: runItems,
    modelLabel: null,
  });
  return hasRunB ? [shape("A", items), shape("B", [])] : [shape("A", items)];
}

async function loadItem(queueItemId: string) {
  const item = await db.queueItem.findUnique({
    where: { id: queueItemId },
    select: {
      id: true,
      queueId: true,
      queue: { select: { kind: true, rubric: true } },
      run: { select: { items: { orderBy: { rank: "asc" }, select: { rank: true, label: true, probability: true } } } },
    },
  });
  if (!item) throw new NotFoundError("Queue item");
  return item;
}

/** Sets (or, with value null, clears) the final label of one item on one criterion. */
export async function setFinalLabel({
  queueId,
  queueItemId,
  input,
  decidedById,
}: {
  queueId: string;
  queueItemId: string;
  input: FinalLabelRequest;
  decidedById: string;
}): Promise<FinalLabel | null> {
  const item = await loadItem(queueItemId);
  if (item.queueId !== queueId) throw new NotFoundError("Queue item");
  const kind = item.queue.kind;
  const runs = runShapes(item.run?.items ?? [], kind === "pairwise");
  const criterion = adjudicableCriteria(kind, parseQueueConfig(item.queue.rubric), runs).find(
    (candidate) => candidate.criterion === input.criterion,
  );
  if (!criterion) throw new ValidationError(`criterion: ${input.criterion} is not a criterion of this queue`);
  const where = { queueItemId_criterion: { queueItemId, criterion: input.criterion } };
  if (input.value === null) {
    await db.adjudication.deleteMany({ where: { queueItemId, criterion: input.criterion } });
    return null;
  }
  if (!criterion.options.some((option) => option.value === input.value)) {
    throw new ValidationError(`value: ${String(input.value)} is not a value of ${input.criterion}`);
  }
  const saved = await db.adjudication.upsert({
    where,
    create: { queueItemId, criterion: input.criterion, value: input.value, note: input.note, decidedById },
    update: { value: input.value, note: input.note, decidedById },
    include: { decidedBy: { select: { name: true } } },
  });
  return finalLabel(saved);
}

function finalLabel(row: {
  criterion: string;
  value: unknown;
  note: string;
  updatedAt: Date;
  decidedBy: { name: string } | null;
}): FinalLabel {
  return {
    criterion: row.criterion,
    value: row.value as number | string,
    note: row.note,
    decidedBy: row.decidedBy?.name ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listFinalLabels(queueItemId: string): Promise<FinalLabel[]> {
  const rows = await db.adjudication.findMany({
    where: { queueItemId },
    orderBy: { criterion: "asc" },
    include: { decidedBy: { select: { name: true } } },
  });
  return rows.map(finalLabel);
}

/**
 * The next item of the queue after `afterPosition` (wrapping round) whose submitted ratings
 * disagree on a criterion that has no final label yet; null when none is left.
 */
export async function nextDisagreement(queueId: string, afterItemId: string | null): Promise<string | null> {
  const queue = await db.queue.findUnique({ where: { id: queueId }, select: { kind: true, rubric: true } });
  if (!queue) throw new NotFoundError("Queue");
  const config = parseQueueConfig(queue.rubric);
  const items = await db.queueItem.findMany({
    where: { queueId, ratings: { some: { status: "submitted" } } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      runBId: true,
      run: { select: { items: { orderBy: { rank: "asc" }, select: { rank: true, label: true, probability: true } } } },
      ratings: { where: { status: "submitted", kind: queue.kind } },
      adjudications: { select: { criterion: true } },
    },
  });
  const start = afterItemId ? items.findIndex((item) => item.id === afterItemId) + 1 : 0;
  const ordered = [...items.slice(start), ...items.slice(0, start)].filter((item) => item.id !== afterItemId);
  for (const item of ordered) {
    const runs = runShapes(item.run?.items ?? [], Boolean(item.runBId));
    const decided = new Set(item.adjudications.map((entry) => entry.criterion));
    const ratings = item.ratings.map(ratingView);
    const open = adjudicableCriteria(queue.kind, config, runs).some(
      (criterion) => !decided.has(criterion.criterion) && isDisagreement(criterion, ratings),
    );
    if (open) return item.id;
  }
  return null;
}
