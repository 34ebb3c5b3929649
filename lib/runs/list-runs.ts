// The runs list: newest first, filtered by patient (id or subject id), task, backend, status
// or batch, in keyset pages (createdAt, id) so paging stays fast and stable while runs arrive.
import "server-only";
import { z } from "zod";
import { db } from "../db";
import { cursorTime, decodeCursor, encodeCursor } from "../http/keyset-cursor";
import type { CurrentUser } from "../auth/current-user";
import { readableRunsWhere } from "./run-access";
import type { Prisma } from "../generated/prisma/client";
import { blindRunIds, blindRunsWhere } from "../auth/blind-rules";
import { BLINDED_BACKEND, BLINDED_ERROR, summarizeBackend } from "./backend-label";
import type { RunFilters, RunPage } from "./list-runs.types";

/** Newest first: the position after a page's last run. */
const RunPosition = z.object({ createdAt: cursorTime, id: z.string().min(1) });

const encodeRunCursor = (run: { createdAt: Date; id: string }) =>
  encodeCursor({ createdAt: run.createdAt.toISOString(), id: run.id });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The patient a filter names (patient id or subject id), if exactly one does. */
export async function findPatient(identifier: string): Promise<{ id: string; externalId: string } | null> {
  const found = await db.patient.findMany({
    where: UUID.test(identifier) ? { id: identifier } : { externalId: identifier },
    select: { id: true, externalId: true },
    take: 2,
  });
  return found.length === 1 ? found[0] : null;
}

/** Runs `reader` may read (run-access.ts), newest first, filtered. */
export async function listRuns(reader: Pick<CurrentUser, "id" | "roles">, filters: RunFilters = {}): Promise<RunPage> {
  const limit = filters.limit ?? 50;
  const patient = filters.patient?.trim();
  const where: Prisma.PredictionRunWhereInput = {
    ...(patient ? { patient: UUID.test(patient) ? { id: patient } : { externalId: patient } } : {}),
    ...(filters.taskKey ? { taskKey: filters.taskKey } : {}),
    ...(filters.backendId ? { backendId: filters.backendId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.batchId ? { batchId: filters.batchId } : {}),
    // Filtering by backend must not sort out the runs whose backend the reader may not see yet.
    AND: [readableRunsWhere(reader), ...(filters.backendId ? [{ NOT: blindRunsWhere(reader) }] : [])],
  };
  if (filters.cursor) {
    const { createdAt, id } = decodeCursor(filters.cursor, RunPosition);
    where.OR = [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }];
  }
  const rows = await db.predictionRun.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      status: true,
      cutoff: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      error: true,
      batchId: true,
      retryOfId: true,
      patient: { select: { id: true, externalId: true } },
      task: { select: { key: true, title: true } },
      backend: { select: { id: true, name: true, kind: true, model: true } },
      createdBy: { select: { name: true } },
      _count: { select: { items: true } },
    },
  });
  const page = rows.slice(0, limit);
  // Blind review (blind-rules.ts): the backend, and what would tell it (a baseline answers in
  // milliseconds, a backend's error names it), stay hidden until the reader has rated.
  const blind = await blindRunIds(
    reader,
    page.map((run) => run.id),
  );
  return {
    runs: page.map((run) => ({
      id: run.id,
      status: run.status,
      patient: run.patient,
      task: run.task,
      backend: blind.has(run.id) ? BLINDED_BACKEND : summarizeBackend(run.backend),
      cutoff: run.cutoff.toISOString(),
      createdAt: run.createdAt.toISOString(),
      finishedAt: blind.has(run.id) ? null : (run.finishedAt?.toISOString() ?? null),
      durationMs:
        !blind.has(run.id) && run.startedAt && run.finishedAt
          ? run.finishedAt.getTime() - run.startedAt.getTime()
          : null,
      items: run._count.items,
      error: blind.has(run.id) && run.error ? BLINDED_ERROR : run.error,
      createdBy: run.createdBy?.name ?? null,
      batchId: run.batchId,
      retryOf: run.retryOfId,
    })),
    nextCursor: rows.length > limit ? encodeRunCursor(page[page.length - 1]) : null,
  };
}
