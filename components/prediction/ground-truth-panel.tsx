import type { GroundTruthComparison } from "@/lib/runs/ground-truth";
import { formatPercent } from "./format-run";

const mark = (ok: boolean) => (
  <span className={ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
    {ok ? "✓" : "✗"}
  </span>
);

/** What really happened after the cut-off, compared with the prediction. */
export function GroundTruthPanel({ truth }: { truth: GroundTruthComparison }) {
  return (
    <section
      aria-labelledby="truth-heading"
      className="space-y-2 rounded border border-violet-200 bg-violet-50/50 p-3 dark:border-violet-900 dark:bg-violet-950/30"
      data-testid="ground-truth"
    >
      <h2 id="truth-heading" className="text-sm font-semibold">
        Ground truth (what happened next)
      </h2>
      {truth.kind === "unknown" ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">The record cannot tell: {truth.reason}.</p>
      ) : truth.kind === "yes_no" ? (
        <p className="text-sm">
          Outcome: <strong className="capitalize">{truth.answer}</strong>
          {truth.predicted ? (
            <>
              {" "}
              · predicted {truth.predicted} {mark(Boolean(truth.correct))}
            </>
          ) : (
            " · no clear prediction"
          )}
          <span className="block text-xs text-slate-600 dark:text-slate-400">{truth.evidence}</span>
        </p>
      ) : (
        <>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {truth.evidence}: the first at or after the cut-off.
          </p>
          <ul className="flex flex-wrap gap-1.5 text-sm" aria-label="True items (✓ predicted, ✗ missed)">
            {truth.truth.map((item) => (
              <li
                key={item.label}
                className="rounded border border-slate-200 bg-white px-1.5 py-0.5 dark:border-slate-700 dark:bg-slate-900"
                title={item.predicted ? "predicted" : "missed"}
              >
                {mark(item.predicted)} {item.label}
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-600 dark:text-slate-400">✓ predicted · ✗ missed</p>
          {truth.predicted.some((p) => !p.hit) ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Predicted but not there:{" "}
              {truth.predicted
                .filter((p) => !p.hit)
                .map((p) => p.label)
                .join(", ")}
            </p>
          ) : null}
          <p className="text-xs text-slate-700 tabular-nums dark:text-slate-300">
            precision {formatPercent(truth.precision)} · recall {formatPercent(truth.recall)} · F1{" "}
            {formatPercent(truth.f1)}
          </p>
        </>
      )}
    </section>
  );
}
