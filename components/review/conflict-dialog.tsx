"use client";

// A save was refused because the rating changed elsewhere (another tab or device). Both
// versions side by side; the rater chooses, nothing is overwritten without that choice. The
// dialog fits the window whatever the comments' length: its body scrolls, its buttons stay in
// view, and the page behind it does not move while it is open.
import { useEffect, useRef } from "react";
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
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The page behind stays put: no scrollbar to scroll, whatever the wheel is over.
    const root = document.documentElement;
    const previous = root.style.overflow;
    root.style.overflow = "hidden";
    dialog.current?.focus();
    return () => {
      root.style.overflow = previous;
    };
  }, []);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center overscroll-contain bg-slate-900/40 p-4">
      <div
        ref={dialog}
        tabIndex={-1}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="conflict-title"
        aria-describedby="conflict-text"
        className="flex max-h-full w-full max-w-4xl flex-col rounded border border-slate-300 bg-white shadow-lg outline-none dark:border-slate-700 dark:bg-slate-900"
      >
        <div className="border-b border-slate-200 p-4 pb-2 dark:border-slate-700">
          <h2 id="conflict-title" className="text-lg font-semibold">
            This rating was changed somewhere else
          </h2>
          <p id="conflict-text" className="text-sm text-slate-600 dark:text-slate-400">
            Another tab or device saved a newer version while you were editing. Nothing has been overwritten: choose
            which version to keep.
          </p>
        </div>
        <div
          data-testid="conflict-body"
          className="grid min-h-0 flex-1 grid-cols-1 gap-4 overflow-y-auto overscroll-contain p-4 sm:grid-cols-2"
        >
          <section
            aria-label="Saved version"
            className="min-w-0 rounded border border-slate-200 p-3 dark:border-slate-700"
          >
            <h3 className="mb-2 font-medium">
              Saved version {saved ? `(version ${saved.version}, ${formatDateTime(saved.updatedAt)} UTC)` : "(none)"}
            </h3>
            {saved ? <RatingSummary content={saved} rows={rows} /> : <p className="text-sm">The rating was removed.</p>}
          </section>
          <section aria-label="Your version" className="min-w-0 rounded border border-sky-300 p-3 dark:border-sky-800">
            <h3 className="mb-2 font-medium">Your version (not saved)</h3>
            <RatingSummary content={conflict.yours} rows={rows} />
          </section>
        </div>
        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 p-4 pt-3 dark:border-slate-700">
          <Button variant="secondary" onClick={onTakeSaved}>
            Use the saved version
          </Button>
          <Button onClick={onKeepMine}>Keep mine (replace version {saved?.version ?? 0})</Button>
        </div>
      </div>
    </div>
  );
}
