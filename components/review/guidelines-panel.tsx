"use client";

// The queue's guidelines beside the item, collapsible. Open by default on a reviewer's first
// look at a queue's items would cost screen height on every item after; closed, one click (or
// Enter on its summary) shows them, and the choice is kept per queue in the browser.
import { useState } from "react";
import { MarkdownText } from "@/components/ui/markdown-text";

const storageKey = (queueId: string) => `guidelines-open:${queueId}`;

export function GuidelinesPanel({ queueId, guidelines }: { queueId: string; guidelines: string }) {
  // The review workspace renders in the browser only (see review-workspace-loader), so the
  // browser's choice can be read at once.
  const [isOpen, setIsOpen] = useState(() => window.localStorage.getItem(storageKey(queueId)) === "1");
  if (!guidelines.trim()) return null;
  return (
    <details
      open={isOpen}
      onToggle={(event) => {
        const open = event.currentTarget.open;
        setIsOpen(open);
        window.localStorage.setItem(storageKey(queueId), open ? "1" : "0");
      }}
      data-testid="guidelines-panel"
      className="rounded border border-slate-200 bg-slate-50 p-2 dark:border-slate-800 dark:bg-slate-900"
    >
      <summary className="cursor-pointer text-sm font-semibold">Guidelines</summary>
      <MarkdownText text={guidelines} className="mt-1 max-h-[50vh] overflow-y-auto" />
    </details>
  );
}
