// Where the rating stands: saved (when), unsaved, saving, offline (kept in this browser).
import { formatDateTime } from "@/components/ui/format";
import type { SaveState } from "./draft-saver";

const TEXT: Record<SaveState, string> = {
  saved: "Saved",
  unsaved: "Unsaved changes",
  saving: "Saving…",
  offline: "Not saved: offline, kept in this browser; retrying",
  conflict: "Changed elsewhere: choose a version",
  final: "Final",
};

export function SaveStatus({ state, savedAt }: { state: SaveState; savedAt: string | null }) {
  const tone =
    state === "saved" || state === "final"
      ? "text-emerald-700 dark:text-emerald-400"
      : state === "offline" || state === "conflict"
        ? "text-red-700 dark:text-red-400"
        : "text-slate-600 dark:text-slate-400";
  return (
    <span role="status" data-testid="save-status" data-state={state} className={`text-xs ${tone}`}>
      {TEXT[state]}
      {state === "saved" && savedAt ? ` ${formatDateTime(savedAt).slice(11)} UTC` : ""}
    </span>
  );
}
