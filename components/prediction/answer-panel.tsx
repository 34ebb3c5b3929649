import type { RunDetail } from "@/lib/runs/get-run";
import { formatPercent } from "./format-run";

type Props = Pick<RunDetail, "items" | "probability" | "task"> & { answer: string; ended: boolean };

/** The answer parsed into items (matched to dictionary codes where possible), or yes/no. */
export function AnswerPanel({ items, probability, task, answer, ended }: Props) {
  return (
    <section aria-labelledby="answer-heading" className="space-y-2">
      <h2 id="answer-heading" className="text-sm font-semibold">
        Answer
      </h2>
      {!ended ? (
        <pre className="rounded border border-slate-200 bg-white p-3 text-sm whitespace-pre-wrap dark:border-slate-800 dark:bg-slate-900">
          {answer || "…"}
        </pre>
      ) : task.answerType === "yes_no" ? (
        <p className="rounded border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
          <span className="text-lg font-semibold capitalize" data-testid="answer-yes-no">
            {items[0]?.label ?? "no clear yes or no"}
          </span>
          {probability !== null ? (
            <span className="ml-3 text-slate-600 dark:text-slate-400">P(yes) {formatPercent(probability)}</span>
          ) : null}
        </p>
      ) : items.length ? (
        <ol className="divide-y divide-slate-100 rounded border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {items.map((item) => (
            <li key={item.rank} className="flex items-baseline gap-2 px-3 py-1.5" data-testid="answer-item">
              <span className="w-5 shrink-0 text-right text-xs text-slate-600 dark:text-slate-400 tabular-nums">
                {item.rank}
              </span>
              <span className="min-w-0 flex-1">{item.label}</span>
              <span className="shrink-0 font-mono text-xs text-slate-500 dark:text-slate-400">
                {item.code ? `${item.codeSystem?.replace(/^mimic-iv\//, "")} ${item.code}` : "no code match"}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No items in the answer.</p>
      )}
    </section>
  );
}
