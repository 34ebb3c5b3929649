// A run's answer as a reviewer sees it: the predicted items (or yes/no), or why there is none.
import type { ReviewRun } from "@/lib/review/get-review-item.types";

export function RunAnswer({ run }: { run: ReviewRun }) {
  if (run.status !== "done") {
    return (
      <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950">
        This run is {run.status}
        {run.error ? `: ${run.error}` : ""}.
      </p>
    );
  }
  return (
    <section aria-label="Answer" className="text-sm">
      <h2 className="font-semibold">Answer{run.modelLabel ? ` · ${run.modelLabel}` : ""}</h2>
      {run.items.length ? (
        <ol className="mt-1 list-inside list-decimal">
          {run.items.map((item) => (
            <li key={item.rank}>
              {item.label}
              {item.probability !== null ? (
                <span className="text-slate-600 dark:text-slate-400"> ({Math.round(item.probability * 100)} %)</span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="whitespace-pre-wrap">{run.answer || "No answer."}</p>
      )}
    </section>
  );
}
