// The queries and bodies of the runs, batches and tasks routes (GET/POST /api/runs,
// POST /api/batches, GET /api/tasks).
import { z } from "zod";
import { RUN_STATUSES } from "./list-runs.types";

export const ListRunsQuery = z.object({
  patient: z.string().max(100).optional(),
  task: z.string().max(100).optional(),
  backend: z.string().max(100).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  batch: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const CreateRunRequest = z.object({
  patientId: z.uuid(),
  taskKey: z.string().min(1).max(100),
  cutoff: z.iso.datetime({ offset: true, local: false }).transform((value) => new Date(value)),
  backendId: z.string().min(1).max(100).optional(),
});

export const CreateBatchRequest = z.object({
  taskKey: z.string().min(1).max(100),
  backendId: z.string().min(1).max(100).optional(),
  patients: z.union([z.literal("all"), z.array(z.string().min(1).max(100)).min(1)]),
  concurrency: z.number().int().min(1).max(16).default(2),
});

export const TasksQuery = z.object({ patientId: z.string().max(100).optional() });
