// One queue for its study lead: protocol, members and every item with its status, its runs'
// state and who holds or has rated it.
import "server-only";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { summarizeBackend } from "../runs/backend-label";
import { parseQueueConfig, type QueueConfig } from "./queue-config";

export type QueueItemRow = {
  id: string;
  position: number;
  status: string;
  patientId: string;
  patientExternalId: string;
  taskKey: string;
  cutoff: string;
  runStatus: string | null;
  runBStatus: string | null;
  assignments: { raterName: string; status: string }[];
};

export type QueueDetail = {
  id: string;
  name: string;
  kind: string;
  config: QueueConfig;
  reviewersPerItem: number;
  reservationMinutes: number | null;
  hideAfterCutoff: boolean;
  groundTruthAfterRating: boolean;
  /** Markdown shown to reviewers beside every item. */
  guidelines: string;
  createdAt: string;
  archivedAt: string | null;
  members: { id: string; name: string; roles: string }[];
  /** The backends the items' runs come from: A (runId) and, pairwise, B (runBId), as their labels. */
  backends: { a: string[]; b: string[] };
  /** The backend ids of the last item, the defaults for items added later. */
  lastBackendIds: { a: string | null; b: string | null };
  items: QueueItemRow[];
};

export async function getQueueDetail({ queueId }: { queueId: string }): Promise<QueueDetail> {
  const queue = await db.queue.findUnique({
    where: { id: queueId },
    include: {
      members: { select: { user: { select: { id: true, name: true, role: true } } } },
      items: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          status: true,
          patientId: true,
          taskKey: true,
          cutoff: true,
          patient: { select: { externalId: true } },
          backend: { select: { id: true, name: true, kind: true, model: true } },
          backendB: { select: { id: true, name: true, kind: true, model: true } },
          run: { select: { status: true } },
          runB: { select: { status: true } },
          assignments: {
            orderBy: { createdAt: "asc" },
            select: { status: true, user: { select: { name: true } } },
          },
        },
      },
    },
  });
  if (!queue) throw new NotFoundError("Queue");
  const labels = (
    backends: ({ id: string; name: string; kind: "baseline" | "openai_compatible"; model: string | null } | null)[],
  ) => [...new Set(backends.flatMap((backend) => (backend ? [summarizeBackend(backend).label] : [])))];
  return {
    id: queue.id,
    name: queue.name,
    kind: queue.kind,
    config: parseQueueConfig(queue.rubric),
    reviewersPerItem: queue.reviewersPerItem,
    reservationMinutes: queue.reservationMinutes,
    hideAfterCutoff: queue.hideAfterCutoff,
    groundTruthAfterRating: queue.groundTruthAfterRating,
    guidelines: queue.guidelines,
    createdAt: queue.createdAt.toISOString(),
    archivedAt: queue.archivedAt?.toISOString() ?? null,
    members: queue.members
      .map(({ user }) => ({ id: user.id, name: user.name, roles: user.role }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    backends: {
      a: labels(queue.items.map((item) => item.backend)),
      b: labels(queue.items.map((item) => item.backendB)),
    },
    lastBackendIds: {
      a: queue.items.at(-1)?.backend?.id ?? null,
      b: queue.items.at(-1)?.backendB?.id ?? null,
    },
    items: queue.items.map((item) => ({
      id: item.id,
      position: item.position,
      status: item.status,
      patientId: item.patientId,
      patientExternalId: item.patient.externalId,
      taskKey: item.taskKey,
      cutoff: item.cutoff.toISOString(),
      runStatus: item.run?.status ?? null,
      runBStatus: item.runB?.status ?? null,
      assignments: item.assignments.map((assignment) => ({
        raterName: assignment.user.name,
        status: assignment.status,
      })),
    })),
  };
}
