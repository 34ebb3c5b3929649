"use client";

// Skipping an item: x opens this panel, 1 or 2 skips at once with that reason, 3 asks for the
// reason in words (Enter skips). Esc closes it. The item goes back to the pool for others.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SKIP_REASON_KEYS, type SkipReasonKey } from "@/lib/review/review-keys";
import { SKIP_REASON_LABELS } from "@/lib/review/skip-queue-item.types";
import { Keycap } from "./keycap";

export const SKIP_NOTE_ID = "review-skip-note";

export function SkipPanel({
  isOtherOpen,
  isBusy,
  onChoose,
  onSkip,
  onCancel,
}: {
  /** "Other" was chosen: its reason is being typed. */
  isOtherOpen: boolean;
  isBusy: boolean;
  onChoose: (reason: SkipReasonKey) => void;
  onSkip: (reason: SkipReasonKey, note: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState("");
  return (
    <section
      aria-label="Skip this item"
      className="space-y-2 rounded border border-amber-400 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950"
    >
      <h2 className="font-semibold">Skip this item?</h2>
      <p className="text-xs text-slate-700 dark:text-slate-300">
        It goes back to the pool for other reviewers and counts as not rated by you.
      </p>
      <div className="flex flex-wrap gap-1">
        {SKIP_REASON_KEYS.map((reason, index) => (
          <Button
            key={reason}
            variant="secondary"
            disabled={isBusy}
            onClick={() => onChoose(reason)}
            className="flex items-center gap-1"
          >
            <Keycap>{String(index + 1)}</Keycap>
            {SKIP_REASON_LABELS[reason]}
          </Button>
        ))}
        <Button variant="secondary" onClick={onCancel} className="flex items-center gap-1">
          <Keycap>Esc</Keycap> Cancel
        </Button>
      </div>
      {isOtherOpen ? (
        <form
          className="flex gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            if (note.trim()) onSkip("other", note.trim());
          }}
        >
          <label htmlFor={SKIP_NOTE_ID} className="sr-only">
            Why you skip this item
          </label>
          <input
            id={SKIP_NOTE_ID}
            autoFocus
            value={note}
            disabled={isBusy}
            onChange={(event) => setNote(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.stopPropagation();
                onCancel();
              }
            }}
            placeholder="Why? Enter skips"
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          />
          <Button type="submit" disabled={isBusy || !note.trim()}>
            Skip
          </Button>
        </form>
      ) : null}
    </section>
  );
}
