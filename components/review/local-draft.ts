// The browser's copy of a rating until the server has acknowledged it: written on every
// change, removed once a save of exactly that content succeeds. Keyed by user as well as run,
// so raters sharing a workstation never see each other's drafts.
import { RatingContent } from "@/lib/review/save-rating.types";
import { z } from "zod";

const LocalDraft = z.object({
  content: RatingContent,
  /** The server version this draft was edited from (0: none yet). */
  baseVersion: z.number().int().min(0),
  timeSpentMs: z.number().int().min(0),
  savedAt: z.string(),
});
export type LocalDraft = z.infer<typeof LocalDraft>;

export type DraftKey = { userId: string; runId: string; kind: string };

const storageKey = (key: DraftKey) => `ehr-review:draft:v1:${key.userId}:${key.runId}:${key.kind}`;

export function readLocalDraft(key: DraftKey): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(storageKey(key));
    if (!raw) return null;
    const parsed = LocalDraft.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(key: DraftKey, draft: Omit<LocalDraft, "savedAt">): void {
  try {
    window.localStorage.setItem(storageKey(key), JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  } catch {
    // Storage full or disabled: the server autosave still runs; nothing else to do here.
  }
}

export function clearLocalDraft(key: DraftKey): void {
  window.localStorage.removeItem(storageKey(key));
}
