// Ratings for the export, page by page in a stable order (run, then rating id) with keyset
// pagination: each page is one indexed range read however deep the export is, and only one
// page is in memory at a time. Ratings of one run are adjacent, which the wide layout uses.
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { DEFAULT_QUEUE_CONFIG, parseQueueConfig, type QueueConfig } from "../queue-config";
import { ratingView } from "../rating-view";
import type { ExportRating, ExportRun } from "./tidy-rows";

const EXPORT_PAGE_SIZE = 500;

const RUN_SELECT = {
  id: true,
  patientId: true,
  taskKey: true,
  cutoff: true,
  modelName: true,
  reasoning: true,
  patient: { select: { source: true, externalId: true } },
  backend: { select: { name: true, kind: true } },
  items: { select: { rank: true, label: true }, orderBy: { rank: "asc" } },
} as const satisfies Prisma.PredictionRunSelect;

type RunRow = Prisma.PredictionRunGetPayload<{ select: typeof RUN_SELECT }>;

function exportRun(run: RunRow): ExportRun {
  return {
    id: run.id,
    patientId: run.patientId,
    patientSource: run.patient.source,
    patientExternalId: run.patient.externalId,
    taskKey: run.taskKey,
    cutoff: run.cutoff,
    backendName: run.backend.name,
    backendKind: run.backend.kind,
    modelName: run.modelName,
    reasoning: run.reasoning,
    items: run.items,
  };
}

export type RatingFilter = { queueId?: string; includeDrafts: boolean };

export function ratingWhere(filter: RatingFilter): Prisma.RatingWhereInput {
  return {
    ...(filter.queueId ? { queueItem: { queueId: filter.queueId } } : {}),
    ...(filter.includeDrafts ? {} : { status: "submitted" }),
  };
}

type Cursor = { runId: string; id: string };

function readPage(filter: RatingFilter, after: Cursor | null, pageSize: number) {
  return db.rating.findMany({
    where: {
      ...ratingWhere(filter),
      ...(after ? { OR: [{ runId: { gt: after.runId } }, { runId: after.runId, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ runId: "asc" }, { id: "asc" }],
    take: pageSize,
    include: {
      user: { select: { role: true } },
      run: { select: RUN_SELECT },
      queueItem: {
        select: {
          id: true,
          position: true,
          runB: { select: RUN_SELECT },
          queue: { select: { id: true, name: true, rubric: true } },
        },
      },
    },
  });
}

export async function* readRatingPages(
  filter: RatingFilter,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ExportRating[]> {
  const configs = new Map<string, QueueConfig>();
  let after: Cursor | null = null;
  for (;;) {
    const rows = await readPage(filter, after, pageSize);
    if (!rows.length) return;
    yield rows.map((row) => {
      const queue = row.queueItem?.queue ?? null;
      if (queue && !configs.has(queue.id)) configs.set(queue.id, parseQueueConfig(queue.rubric));
      return {
        rating: ratingView(row),
        raterRole: row.user.role,
        run: exportRun(row.run),
        runB: row.queueItem?.runB ? exportRun(row.queueItem.runB) : null,
        queue: queue ? { id: queue.id, name: queue.name } : null,
        item: row.queueItem ? { id: row.queueItem.id, position: row.queueItem.position } : null,
        config: queue ? configs.get(queue.id)! : DEFAULT_QUEUE_CONFIG,
      };
    });
    const last = rows[rows.length - 1];
    after = { runId: last.runId, id: last.id };
    if (rows.length < pageSize) return;
  }
}
