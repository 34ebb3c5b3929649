"use client";

// "Flag for the study lead": a note on the item ("record seems truncated") that neither rates
// nor skips it. A button with no shortcut, so a stray key can never raise a flag; the note is
// a text field, where keys never rate. The reviewer sees what they raised and whether the
// study lead has resolved it.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import { fetchJson } from "@/lib/http/fetch-json";
import type { OwnFlagView } from "@/lib/review/queue-flags.types";

const NOTE_ID = "review-flag-note";

export function FlagPanel({
  queueId,
  queueItemId,
  initialFlags,
}: {
  queueId: string;
  queueItemId: string;
  initialFlags: readonly OwnFlagView[];
}) {
  const [flags, setFlags] = useState<OwnFlagView[]>([...initialFlags]);
  const [isOpen, setIsOpen] = useState(false);
  const [note, setNote] = useState("");
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    if (!note.trim()) return;
    setIsBusy(true);
    setError(null);
    try {
      const { flag } = await fetchJson<{ flag: OwnFlagView }>(`/api/queues/${queueId}/items/${queueItemId}/flags`, {
        method: "POST",
        body: { note: note.trim() },
      });
      setFlags((current) => [...current, flag]);
      setNote("");
      setIsOpen(false);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <section aria-label="Flag for the study lead" className="space-y-1 text-sm">
      {flags.length ? (
        <ul className="space-y-1" data-testid="own-flags">
          {flags.map((flag) => (
            <li key={flag.id} className="rounded bg-amber-50 p-1.5 text-xs dark:bg-amber-950">
              You flagged this item {formatDateTime(flag.createdAt)} UTC: “{flag.note}” ·{" "}
              {flag.resolvedAt ? "resolved by the study lead" : "open"}
            </li>
          ))}
        </ul>
      ) : null}
      {isOpen ? (
        <form
          className="space-y-1"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <label htmlFor={NOTE_ID} className="block font-medium">
            Note for the study lead (not a rating)
          </label>
          <textarea
            id={NOTE_ID}
            autoFocus
            rows={2}
            maxLength={2000}
            value={note}
            disabled={isBusy}
            onChange={(event) => setNote(event.target.value)}
            onKeyDown={(event) => {
              // Esc closes this form and Ctrl+Enter sends the flag: neither reaches the rating's keys.
              if (event.key === "Escape") {
                event.stopPropagation();
                setIsOpen(false);
              } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                event.stopPropagation();
                void send();
              }
            }}
            placeholder="e.g. the record seems truncated"
            className="block w-full rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          />
          <div className="flex gap-2">
            <Button type="submit" disabled={isBusy || !note.trim()}>
              Send flag
            </Button>
            <Button variant="secondary" onClick={() => setIsOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="secondary" onClick={() => setIsOpen(true)}>
          Flag for the study lead
        </Button>
      )}
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </section>
  );
}
