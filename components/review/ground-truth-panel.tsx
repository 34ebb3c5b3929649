// What the record says happened after the cut-off; withheld until submission where the
// queue's protocol says so.
import type { GroundTruthView } from "@/lib/review/get-review-item.types";

export function GroundTruthPanel({
  groundTruth,
  isWithheld,
}: {
  groundTruth: GroundTruthView | null;
  isWithheld: boolean;
}) {
  return (
    <section aria-label="Ground truth" className="rounded border border-slate-200 p-2 text-sm dark:border-slate-700">
      <h2 className="font-semibold">Ground truth</h2>
      {isWithheld ? (
        <p className="text-slate-600 dark:text-slate-400">Shown after you submit your rating (blind protocol).</p>
      ) : null}
      {groundTruth?.kind === "items" ? (
        <>
          <ul className="mt-1 list-inside list-disc">
            {groundTruth.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <p className="text-xs text-slate-600 dark:text-slate-400">{groundTruth.evidence}</p>
        </>
      ) : null}
      {groundTruth?.kind === "yes_no" ? (
        <p>
          <span className="font-medium uppercase">{groundTruth.answer}</span>{" "}
          <span className="text-xs text-slate-600 dark:text-slate-400">({groundTruth.evidence})</span>
        </p>
      ) : null}
      {groundTruth?.kind === "unknown" ? (
        <p className="text-slate-600 dark:text-slate-400">Not known: {groundTruth.reason}</p>
      ) : null}
    </section>
  );
}
