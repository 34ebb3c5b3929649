import Link from "next/link";
import { notFound } from "next/navigation";
import { AddItemsForm } from "@/components/queue/add-items-form";
import { ArchiveQueueButton } from "@/components/queue/archive-queue-button";
import { EditQueueForm } from "@/components/queue/edit-queue-form";
import { ExportLinks } from "@/components/queue/export-links";
import { GenerateRunsButton } from "@/components/queue/generate-runs-button";
import { QueueFlags } from "@/components/queue/queue-flags";
import { formatDateTime } from "@/components/ui/format";
import { MarkdownText } from "@/components/ui/markdown-text";
import { requirePageUser } from "@/lib/api/guard";
import { NotFoundError } from "@/lib/http/errors";
import { getQueueDetail } from "@/lib/review/get-queue-detail";
import { listQueueFlags } from "@/lib/review/list-queue-flags";
import { TableScroll } from "@/components/ui/table-scroll";
import { listUsers } from "@/lib/admin/manage-users";
import { listPatients } from "@/lib/ehr/queries/list-patients";
import { listBackends } from "@/lib/runs/list-backends";
import { listTaskOptions } from "@/lib/runs/task-options";

export const dynamic = "force-dynamic";
export const metadata = { title: "Queue" };

const STATUS_TEXT: Record<string, string> = { pending: "pending", needs_others: "needs others", complete: "complete" };

export default async function QueuePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("/queues/[id]");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const queue = await getQueueDetail({ queueId: id }).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const [flags, users, patients, tasks] = await Promise.all([
    listQueueFlags({ queueId: id }),
    listUsers(),
    listPatients({ limit: 200, sort: "externalId" }),
    listTaskOptions(),
  ]);
  const reviewers = users
    .filter((candidate) => candidate.active && candidate.roles.length)
    .map(({ id: userId, name, roles }) => ({ id: userId, name, roles }));
  const addOptions = {
    patients: patients.patients.map(({ id: patientId, externalId, admissions }) => ({
      id: patientId,
      externalId,
      admissions,
    })),
    tasks: tasks.tasks.filter((task) => task.available).map(({ key, title }) => ({ key, title })),
    backends: listBackends().map(({ id: backendId, name }) => ({ id: backendId, name })),
  };
  const isPairwise = queue.kind === "pairwise";
  const isArchived = queue.archivedAt !== null;
  const awaiting = queue.items.filter(
    (item) =>
      !item.runStatus ||
      ["queued", "streaming"].includes(item.runStatus) ||
      (isPairwise && (!item.runBStatus || ["queued", "streaming"].includes(item.runBStatus))),
  ).length;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-4">
        <h1 className="text-2xl font-semibold">{queue.name}</h1>
        {isArchived ? (
          <span
            data-testid="queue-archived"
            className="rounded bg-slate-200 px-1.5 text-sm text-slate-900 dark:bg-slate-700 dark:text-slate-100"
          >
            Archived {formatDateTime(queue.archivedAt)} UTC: hidden from reviewers
          </span>
        ) : null}
        <span className="text-sm text-slate-600 dark:text-slate-400">
          {queue.kind} · {queue.reviewersPerItem} reviewer(s) per item ·{" "}
          {queue.reservationMinutes ? `${queue.reservationMinutes} min reservations` : "reservations without limit"}
          {queue.hideAfterCutoff ? " · record hidden after the cut-off" : ""}
          {queue.groundTruthAfterRating ? " · ground truth after rating" : ""} · created{" "}
          {formatDateTime(queue.createdAt)} UTC
        </span>
        <Link className="text-sm text-sky-700 underline dark:text-sky-400" href={`/stats?queue=${queue.id}`}>
          Progress and agreement
        </Link>
      </div>
      <p className="text-sm">
        Reviewers: {queue.members.map((member) => `${member.name} (${member.roles})`).join(", ")}
      </p>
      {isPairwise ? (
        <p className="text-sm" data-testid="pairwise-backends">
          Run A: <strong>{queue.backends.a.join(", ") || "—"}</strong> · Run B:{" "}
          <strong>{queue.backends.b.join(", ") || "—"}</strong>. Reviewers see them as left and right, each on the left
          for half of a reviewer&apos;s items, and never by name until they have rated.
        </p>
      ) : (
        <p className="text-sm">Backend: {queue.backends.a.join(", ") || "—"}</p>
      )}
      {isArchived ? null : <GenerateRunsButton queueId={queue.id} awaiting={awaiting} />}
      <ExportLinks queueId={queue.id} />
      <div className="flex flex-wrap items-start gap-2">
        <details className="min-w-0 flex-1 basis-full rounded border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900">
          <summary className="cursor-pointer text-sm font-semibold">Edit queue</summary>
          <div className="mt-2">
            <EditQueueForm
              queue={{
                id: queue.id,
                name: queue.name,
                guidelines: queue.guidelines,
                reviewersPerItem: queue.reviewersPerItem,
                memberIds: queue.members.map((member) => member.id),
              }}
              reviewers={reviewers}
            />
          </div>
        </details>
        {isArchived ? null : (
          <details className="min-w-0 flex-1 basis-full rounded border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900">
            <summary className="cursor-pointer text-sm font-semibold">Add items</summary>
            <div className="mt-2">
              <AddItemsForm
                queueId={queue.id}
                isPairwise={isPairwise}
                defaults={{
                  backendId: queue.lastBackendIds.a ?? addOptions.backends[0]?.id ?? "baseline",
                  backendBId: queue.lastBackendIds.b,
                }}
                options={addOptions}
              />
            </div>
          </details>
        )}
        <ArchiveQueueButton queueId={queue.id} isArchived={isArchived} />
      </div>
      {queue.guidelines.trim() ? (
        <details className="rounded border border-slate-200 p-2 dark:border-slate-800">
          <summary className="cursor-pointer text-sm font-semibold">Guidelines (as reviewers see them)</summary>
          <MarkdownText text={queue.guidelines} className="mt-1" />
        </details>
      ) : null}
      <QueueFlags queueId={queue.id} flags={flags} />
      <TableScroll label="Items">
        <table className="w-full bg-white text-sm dark:bg-slate-900">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="px-3 py-2 text-right font-medium">#</th>
              <th className="px-3 py-2 font-medium">Patient</th>
              <th className="px-3 py-2 font-medium">Task</th>
              <th className="px-3 py-2 font-medium">Cut-off (UTC)</th>
              <th className="px-3 py-2 font-medium">Run{isPairwise ? "s (A / B)" : ""}</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">Reviewers</th>
              <th className="px-3 py-2 font-medium" />
            </tr>
          </thead>
          <tbody>
            {queue.items.map((item) => (
              <tr key={item.id} className="border-b border-slate-100 dark:border-slate-800" data-testid="queue-item">
                <td className="px-3 py-1.5 text-right tabular-nums">{item.position + 1}</td>
                <td className="px-3 py-1.5 font-mono">{item.patientExternalId}</td>
                <td className="px-3 py-1.5">{item.taskKey}</td>
                <td className="px-3 py-1.5 tabular-nums">{formatDateTime(item.cutoff)}</td>
                <td className="px-3 py-1.5">
                  {item.runStatus ?? "—"}
                  {isPairwise ? ` / ${item.runBStatus ?? "—"}` : ""}
                </td>
                <td className="px-3 py-1.5">{STATUS_TEXT[item.status] ?? item.status}</td>
                <td className="px-3 py-1.5 text-xs">
                  {item.assignments.map((assignment) => `${assignment.raterName}: ${assignment.status}`).join(", ") ||
                    "—"}
                </td>
                <td className="px-3 py-1.5">
                  <Link
                    className="text-sky-700 underline dark:text-sky-400"
                    href={`/queues/${queue.id}/items/${item.id}`}
                  >
                    Compare
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
