"use client";

// A save was refused because the rating changed elsewhere (another tab or device). Both
// versions side by side; the rater chooses, nothing is overwritten without that choice.
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import type { FormRow } from "@/lib/review/rating-form";
import type { Conflict } from "./draft-saver";
import { RatingSummary } from "./rating-summary";

export function ConflictDialog({
  conflict,
  rows,
  onKeepMine,
  onTakeSaved,
}: {
  conflict: Conflict;
  rows: readonly FormRow[];
  onKeepMine: () => void;
  onTakeSaved: () => void;
}) {
  const saved = conflict.current;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="conflict-title"
        className="w-full max-w-4xl rounded border border-slate-300 bg-white p-4 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        <h2 id="conflict-title" className="text-lg font-semibold">
          This rating was changed somewhere else
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Another tab or device saved a newer version while you were editing. Nothing has been overwritten: choose which
          version to keep.
        </p>
        <div className="mt-3 grid grid-cols-2 gap-4">
          <section aria-label="Saved version" className="rounded border border-slate-200 p-3 dark:border-slate-700">
            <h3 className="mb-2 font-medium">
              Saved version {saved ? `(version ${saved.version}, ${formatDateTime(saved.updatedAt)} UTC)` : "(none)"}
            </h3>
            {saved ? <RatingSummary content={saved} rows={rows} /> : <p className="text-sm">The rating was removed.</p>}
          </section>
          <section aria-label="Your version" className="rounded border border-sky-300 p-3 dark:border-sky-800">
            <h3 className="mb-2 font-medium">Your version (not saved)</h3>
            <RatingSummary content={conflict.yours} rows={rows} />
          </section>
        </div>
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={onTakeSaved}>
            Use the saved version
          </Button>
          <Button onClick={onKeepMine}>Keep mine (replace version {saved?.version ?? 0})</Button>
        </div>
      </div>
    </div>
  );
}
