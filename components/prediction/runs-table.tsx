import Link from "next/link";
import { patientTimelineHref } from "@/lib/runs/evidence-segments";
import type { RunSummary } from "@/lib/runs/list-runs.types";
import { formatDateTime } from "../ui/format";
import { formatDuration } from "./format-run";
import { BackendBadge, RunStatusBadge } from "./run-badges";
import { TableScroll } from "../ui/table-scroll";

export function RunsTable({ runs }: { runs: RunSummary[] }) {
  return (
    <TableScroll label="Runs">
      <table className="w-full border-collapse bg-white text-sm dark:bg-slate-900" data-testid="runs-table">
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-800">
            <th className="px-3 py-2 font-medium">Created</th>
            <th className="px-3 py-2 font-medium">Patient</th>
            <th className="px-3 py-2 font-medium">Task</th>
            <th className="px-3 py-2 font-medium">Backend</th>
            <th className="px-3 py-2 font-medium">Cut-off (UTC)</th>
            <th className="px-3 py-2 font-medium">Status</th>
            <th className="px-3 py-2 text-right font-medium">Items</th>
            <th className="px-3 py-2 text-right font-medium">Time</th>
            <th className="px-3 py-2 font-medium">By</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className="border-b border-slate-100 align-top dark:border-slate-800">
              <td className="px-3 py-1.5 whitespace-nowrap">
                <Link href={`/runs/${run.id}`} className="text-sky-700 underline dark:text-sky-400">
                  {formatDateTime(run.createdAt)}
                </Link>
              </td>
              <td className="px-3 py-1.5 font-mono">
                <Link href={patientTimelineHref(run.patient.id, run.cutoff)} className="hover:underline">
                  {run.patient.externalId}
                </Link>
              </td>
              <td className="px-3 py-1.5">{run.task.title}</td>
              <td className="px-3 py-1.5">
                <BackendBadge backend={run.backend} />
              </td>
              <td className="px-3 py-1.5 whitespace-nowrap tabular-nums">{formatDateTime(run.cutoff)}</td>
              <td className="px-3 py-1.5">
                <RunStatusBadge status={run.status} />
                {run.error ? (
                  <span
                    className="mt-0.5 block max-w-72 truncate text-xs text-slate-600 dark:text-slate-400"
                    title={run.error}
                  >
                    {run.error}
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">{run.items}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatDuration(run.durationMs)}</td>
              <td className="px-3 py-1.5">{run.createdBy ?? "—"}</td>
            </tr>
          ))}
          {runs.length === 0 ? (
            <tr>
              <td colSpan={9} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
                No runs match. Start one from a patient&apos;s page.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </TableScroll>
  );
}
