// The queues at a glance: protocol, items by status, runs outstanding, reviewers.
import Link from "next/link";
import { formatDateTime } from "@/components/ui/format";
import type { QueueSummary } from "@/lib/review/list-queues.types";
import { TableScroll } from "../ui/table-scroll";

export function QueueTable({ queues }: { queues: readonly QueueSummary[] }) {
  if (!queues.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No queues yet.</p>;
  return (
    <TableScroll label="Queues">
      <table className="w-full bg-white text-sm dark:bg-slate-900">
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-800">
            <th className="px-3 py-2 font-medium">Queue</th>
            <th className="px-3 py-2 font-medium">Kind</th>
            <th className="px-3 py-2 text-right font-medium">Items</th>
            <th className="px-3 py-2 text-right font-medium">Pending</th>
            <th className="px-3 py-2 text-right font-medium">Needs others</th>
            <th className="px-3 py-2 text-right font-medium">Complete</th>
            <th className="px-3 py-2 text-right font-medium">Waiting for runs</th>
            <th className="px-3 py-2 text-right font-medium">Reviewers</th>
            <th className="px-3 py-2 font-medium">Protocol</th>
            <th className="px-3 py-2 font-medium">Created (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {queues.map((queue) => (
            <tr key={queue.id} className="border-b border-slate-100 dark:border-slate-800" data-testid="queue-row">
              <td className="px-3 py-1.5">
                <Link className="text-sky-700 underline dark:text-sky-400" href={`/queues/${queue.id}`}>
                  {queue.name}
                </Link>
                {queue.archivedAt ? (
                  <span className="ml-1 rounded bg-slate-200 px-1 text-xs text-slate-900 dark:bg-slate-700 dark:text-slate-100">
                    archived
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-1.5">{queue.kind}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{queue.counts.items}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{queue.counts.pending}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{queue.counts.needsOthers}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{queue.counts.complete}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">
                {queue.counts.awaitingRuns}
                {queue.counts.failedRuns ? (
                  <span className="text-red-700"> ({queue.counts.failedRuns} failed)</span>
                ) : null}
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">
                {queue.members} ({queue.reviewersPerItem} per item)
              </td>
              <td className="px-3 py-1.5 text-xs text-slate-600 dark:text-slate-400">
                {[
                  queue.reservationMinutes ? `${queue.reservationMinutes} min hold` : "no hold limit",
                  queue.hideAfterCutoff ? "record to cut-off" : null,
                  queue.groundTruthAfterRating ? "truth after rating" : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </td>
              <td className="px-3 py-1.5 tabular-nums">{formatDateTime(queue.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
