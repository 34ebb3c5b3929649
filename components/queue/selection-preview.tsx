"use client";

// Before submitting: how many items the chosen patients × tasks make, and each pair that
// cannot make one with the server's reason (POST /api/queues/preview, the rule createQueue
// applies). Long lists scroll inside their box.
import { describePreview } from "@/lib/review/describe-preview";
import type { ChosenPatient } from "@/lib/review/patient-selection";
import type { ReviewKind } from "@/lib/review/queue-config";
import { useQueuePreview } from "./use-queue-preview";

/** Shown at once; the rest are counted (2,000 patients × 50 tasks would be 100,000 rows). */
const SHOWN = 200;

export function SelectionPreview({
  kind,
  selection,
  patients,
  tasks,
}: {
  kind: ReviewKind;
  selection: { patientIds: string[]; taskKeys: string[]; backendId: string; backendBId?: string };
  patients: readonly ChosenPatient[];
  tasks: readonly { key: string; title: string }[];
}) {
  const ready = selection.patientIds.length > 0 && selection.taskKeys.length > 0;
  const preview = useQueuePreview(ready ? { kind, selection } : null);
  let body;
  if (!ready) {
    body = <p>Choose patients and tasks to see the items this queue will have.</p>;
  } else if (preview.error) {
    body = <p className="text-red-700 dark:text-red-400">Cannot preview: {preview.error.message}</p>;
  } else if (!preview.data) {
    body = <p>Checking which patients can answer these tasks…</p>;
  } else {
    const { summary, skipped } = describePreview(preview.data, {
      patients: new Map(patients.map((patient) => [patient.id, patient.externalId])),
      tasks: new Map(tasks.map((task) => [task.key, task.title])),
    });
    body = (
      <>
        <p data-testid="queue-preview-summary" className={preview.data.items ? "" : "text-red-700 dark:text-red-400"}>
          {summary}
          {preview.isStale ? <span className="text-slate-600 dark:text-slate-400"> (updating…)</span> : null}
        </p>
        {skipped.length ? (
          <ul
            aria-label="Pairs that cannot make an item"
            tabIndex={0}
            className="mt-1 max-h-48 space-y-0.5 overflow-auto rounded border border-slate-200 p-2 dark:border-slate-700"
          >
            {skipped.slice(0, SHOWN).map((skip) => (
              <li key={skip.key} data-testid="queue-preview-skip" className="break-words">
                <span className="font-mono">{skip.patient}</span> × {skip.task}:{" "}
                <span className="text-slate-700 dark:text-slate-300">{skip.reason}</span>
              </li>
            ))}
            {skipped.length > SHOWN ? <li>… and {(skipped.length - SHOWN).toLocaleString("en")} more.</li> : null}
          </ul>
        ) : null}
      </>
    );
  }
  return (
    <section aria-label="Items preview" aria-live="polite" className="text-sm">
      <h3 className="font-medium">Items</h3>
      {body}
    </section>
  );
}
