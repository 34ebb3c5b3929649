// Per reviewer: what they have submitted, skipped, hold now, let expire and left as drafts, and how long
// a rating takes them (median).
import { formatDateTime } from "@/components/ui/format";
import type { ReviewerProgress } from "@/lib/review/get-queue-progress.types";
import { TableScroll } from "../ui/table-scroll";

export function ProgressTable({ reviewers }: { reviewers: readonly ReviewerProgress[] }) {
  return (
    <TableScroll label="Progress per reviewer">
      <table className="w-full bg-white text-sm dark:bg-slate-900" data-testid="reviewer-progress">
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-800">
            <th className="px-3 py-2 font-medium">Reviewer</th>
            <th className="px-3 py-2 text-right font-medium">Submitted</th>
            <th className="px-3 py-2 text-right font-medium">Skipped</th>
            <th className="px-3 py-2 text-right font-medium">Holding</th>
            <th className="px-3 py-2 text-right font-medium">Expired holds</th>
            <th className="px-3 py-2 text-right font-medium">Drafts</th>
            <th className="px-3 py-2 text-right font-medium">Median time</th>
            <th className="px-3 py-2 font-medium">Last activity (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {reviewers.map((reviewer) => (
            <tr key={reviewer.userId} className="border-b border-slate-100 dark:border-slate-800">
              <td className="px-3 py-1.5">
                {reviewer.name} <span className="text-slate-600 dark:text-slate-400">({reviewer.roles})</span>
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">{reviewer.submitted}</td>
              <td className="px-3 py-1.5 text-right tabular-nums" data-testid="reviewer-skipped">
                {reviewer.skipped}
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">{reviewer.reserved}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{reviewer.expired}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{reviewer.drafts}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">
                {reviewer.medianTimeMs === null ? "—" : `${Math.round(reviewer.medianTimeMs / 1000)} s`}
              </td>
              <td className="px-3 py-1.5 tabular-nums">{formatDateTime(reviewer.lastActivity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
