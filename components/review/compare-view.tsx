// Adjudication: every rater's answer to every question of one item, side by side, with
// disagreements marked; then each rater's free text. For admins only (the page's policy).
import type { ItemComparison } from "@/lib/review/get-item-comparison";
import { formRows, rowValue, type FormRow } from "@/lib/review/rating-form";
import type { RatingView } from "@/lib/review/save-rating.types";
import { formatDateTime } from "@/components/ui/format";
import { GroundTruthPanel } from "./ground-truth-panel";
import { ReasoningSteps } from "./reasoning-steps";
import { RunAnswer } from "./run-answer";

function cellText(row: FormRow, rating: RatingView, comparison: ItemComparison): string {
  const value = rowValue(rating, row);
  if (value === null || (Array.isArray(value) && !value.length)) return "";
  if (Array.isArray(value)) return value.join(", ");
  if (row.target.type === "pair") {
    if (value === "tie") return "tie";
    const run = comparison.runs.find((candidate) => candidate.slot === value);
    return `${value}: ${run?.modelLabel ?? "?"}`;
  }
  return row.options.find((option) => option.value === value)?.label ?? String(value);
}

export function CompareView({ comparison }: { comparison: ItemComparison }) {
  const rows = formRows(comparison.queue.kind, comparison.queue.config, comparison.runs);
  const ratings = comparison.ratings;
  return (
    <div className="space-y-4">
      <div className={`grid gap-4 ${comparison.runs.length === 2 ? "grid-cols-2" : "grid-cols-[2fr_1fr]"}`}>
        {comparison.runs.map((run) => (
          <section
            key={run.slot}
            className="min-w-0 space-y-2 rounded border border-slate-200 p-2 dark:border-slate-800"
          >
            <h2 className="font-semibold">Run {run.slot}</h2>
            <RunAnswer run={run} />
            <details open={comparison.runs.length === 2}>
              <summary className="cursor-pointer text-sm font-medium">Reasoning ({run.steps.length} steps)</summary>
              <ReasoningSteps steps={run.steps} />
            </details>
          </section>
        ))}
        {comparison.runs.length === 1 ? (
          <GroundTruthPanel groundTruth={comparison.groundTruth} isWithheld={false} />
        ) : null}
      </div>
      {comparison.runs.length === 2 ? (
        <GroundTruthPanel groundTruth={comparison.groundTruth} isWithheld={false} />
      ) : null}
      {ratings.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No ratings yet.</p>
      ) : (
        <table className="w-full bg-white text-sm dark:bg-slate-900" data-testid="compare-table">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="px-3 py-2 font-medium">Question</th>
              {ratings.map(({ rater, rating, versions }) => (
                <th key={rater.id} className="px-3 py-2 font-medium">
                  {rater.name}
                  <div className="text-xs font-normal text-slate-600 dark:text-slate-400">
                    {rating.status} · v{rating.version} ({versions} saved) · {Math.round(rating.timeSpentMs / 1000)} s ·{" "}
                    {formatDateTime(rating.updatedAt)}
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const cells = ratings.map(({ rating }) => cellText(row, rating, comparison));
              const answered = cells.filter(Boolean);
              const isDisagreement = new Set(answered).size > 1;
              return (
                <tr
                  key={row.id}
                  className={`border-b border-slate-100 dark:border-slate-800 ${isDisagreement ? "bg-amber-50 dark:bg-amber-950" : ""}`}
                >
                  <td className="max-w-md truncate px-3 py-1" title={row.description || row.label}>
                    {row.label}
                  </td>
                  {cells.map((cell, index) => (
                    <td key={ratings[index].rater.id} className="px-3 py-1">
                      {cell || <span className="text-slate-600 dark:text-slate-400">—</span>}
                    </td>
                  ))}
                </tr>
              );
            })}
            {[
              {
                label: "Step notes",
                text: (r: RatingView) =>
                  r.steps
                    .filter((s) => s.note)
                    .map((s) => `${s.step}: ${s.note}`)
                    .join("; "),
              },
              { label: "Missing items", text: (r: RatingView) => r.missingItems.join("; ") },
              { label: "Comment", text: (r: RatingView) => r.comment },
            ].map((extra) => (
              <tr key={extra.label} className="border-b border-slate-100 align-top dark:border-slate-800">
                <td className="px-3 py-1">{extra.label}</td>
                {ratings.map(({ rater, rating }) => (
                  <td key={rater.id} className="px-3 py-1 whitespace-pre-wrap">
                    {extra.text(rating) || <span className="text-slate-600 dark:text-slate-400">—</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Assignments:{" "}
        {comparison.assignments
          .map(
            (assignment) =>
              `${assignment.raterName} ${assignment.status}${assignment.reservedUntil ? ` until ${formatDateTime(assignment.reservedUntil)}` : ""}`,
          )
          .join(", ") || "none"}
      </p>
    </div>
  );
}
