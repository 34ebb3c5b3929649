// The runs list's filters and rows, apart from the read (list-runs.ts): the browser and the
// route table use them.
import type { RunStatus } from "../generated/prisma/enums";
import type { BackendSummary } from "./backend-label";

export const RUN_STATUSES = [
  "queued",
  "streaming",
  "done",
  "failed",
  "cancelled",
] as const satisfies readonly RunStatus[];

export type RunFilters = {
  patient?: string;
  taskKey?: string;
  backendId?: string;
  status?: RunStatus;
  batchId?: string;
  cursor?: string;
  limit?: number;
};

export type RunSummary = {
  id: string;
  status: RunStatus;
  patient: { id: string; externalId: string };
  task: { key: string; title: string };
  backend: BackendSummary;
  cutoff: string;
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  items: number;
  error: string | null;
  createdBy: string | null;
  batchId: string | null;
  retryOf: string | null;
};

export type RunPage = { runs: RunSummary[]; nextCursor: string | null };
