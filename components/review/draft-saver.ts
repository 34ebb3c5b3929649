// The save machinery behind the rating form, without React: every edit goes to localStorage at
// once and to the server after a short pause (PUT with the version it was edited from). Saves
// run one at a time; a 409 stops autosaving and holds both versions for the rater; a network
// failure keeps the local copy and retries. The local copy is removed only once the server
// has exactly it. The hook (use-rating-draft.ts) subscribes to its snapshots.
import { ApiError, fetchJson } from "@/lib/http/fetch-json";
import type { ReviewKind } from "@/lib/review/queue-config";
import { contentOf, type DraftStart } from "@/lib/review/resolve-draft-start";
import type { RatingConflict, RatingContent, RatingStatus, RatingView } from "@/lib/review/save-rating.types";
import { clearLocalDraft, writeLocalDraft, type DraftKey } from "./local-draft";

export type SaveState = "saved" | "unsaved" | "saving" | "offline" | "conflict" | "final";
export type SaveOutcome = "saved" | "conflict" | "invalid" | "offline";
export type Conflict = { current: RatingView | null; yours: RatingContent };

export type DraftSnapshot = {
  content: RatingContent;
  status: RatingStatus;
  saveState: SaveState;
  savedAt: string | null;
  conflict: Conflict | null;
  error: string | null;
};

const AUTOSAVE_DELAY_MS = 800;
const RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 30_000];

export type DraftSaverOptions = {
  key: DraftKey;
  kind: ReviewKind;
  queueItemId: string | null;
  start: DraftStart;
  initial: RatingView | null;
  /** Milliseconds spent on the rating so far (this session included). */
  timeSpent: () => number;
};

export class DraftSaver {
  private snapshot: DraftSnapshot;
  private readonly listeners = new Set<() => void>();
  private version: number;
  private isDirty: boolean;
  private isBlocked: boolean;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;

  constructor(private readonly options: DraftSaverOptions) {
    const { start, initial } = options;
    this.version = start.version;
    this.isDirty = start.kind !== "server";
    this.isBlocked = start.kind === "conflict";
    this.snapshot = {
      content: start.kind === "conflict" ? start.yours : start.content,
      status: initial?.status ?? "draft",
      saveState: start.kind === "conflict" ? "conflict" : start.kind === "restored" ? "unsaved" : "saved",
      savedAt: initial?.updatedAt ?? null,
      conflict: start.kind === "conflict" ? { current: start.current, yours: start.yours } : null,
      error: null,
    };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  get hasUnsavedWork(): boolean {
    return this.isDirty;
  }

  private update(change: Partial<DraftSnapshot>) {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }

  private persistLocal() {
    writeLocalDraft(this.options.key, {
      content: this.snapshot.content,
      baseVersion: this.version,
      timeSpentMs: Math.round(this.options.timeSpent()),
    });
  }

  /** Starts the page: a restored copy goes to the server at once, a copy the server already has is dropped. */
  open() {
    const { start } = this.options;
    if (start.kind === "restored") void this.enqueue(false);
    if (start.kind === "server" && start.dropLocal) clearLocalDraft(this.options.key);
  }

  close() {
    clearTimeout(this.timer);
  }

  edit(change: (current: RatingContent) => RatingContent) {
    if (this.isBlocked) return;
    const next = change(this.snapshot.content);
    if (next === this.snapshot.content) return;
    this.isDirty = true;
    this.update({ content: next, saveState: "unsaved" });
    this.persistLocal();
    this.schedule(AUTOSAVE_DELAY_MS);
  }

  /** Saves pending edits now (before leaving the item) rather than after the autosave pause. */
  flush(): Promise<SaveOutcome> {
    clearTimeout(this.timer);
    return this.enqueue(false);
  }

  submit(): Promise<SaveOutcome> {
    clearTimeout(this.timer);
    return this.enqueue(true);
  }

  /** Conflict: save this rater's version over the one saved elsewhere, knowingly. */
  keepMine() {
    const conflict = this.snapshot.conflict;
    if (!conflict) return;
    this.version = conflict.current?.version ?? 0;
    this.isBlocked = false;
    this.isDirty = true;
    this.update({ conflict: null, content: conflict.yours, saveState: "unsaved" });
    this.persistLocal();
    void this.enqueue(false);
  }

  /** Conflict: drop this rater's unsaved version and continue from the saved one. */
  takeSaved() {
    const conflict = this.snapshot.conflict;
    if (!conflict) return;
    this.version = conflict.current?.version ?? 0;
    this.isBlocked = false;
    this.isDirty = false;
    clearLocalDraft(this.options.key);
    this.update({
      conflict: null,
      content: contentOf(conflict.current),
      status: conflict.current?.status ?? "draft",
      saveState: "saved",
    });
  }

  private schedule(delay: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.enqueue(false), delay);
  }

  private enqueue(submit: boolean): Promise<SaveOutcome> {
    const next = this.chain.then(() => this.save(submit));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async save(submit: boolean): Promise<SaveOutcome> {
    if (this.isBlocked) return "conflict";
    if (!submit && !this.isDirty) return "saved";
    const sent = this.snapshot.content;
    this.update({ saveState: "saving" });
    try {
      const { rating } = await fetchJson<{ rating: RatingView }>(`/api/runs/${this.options.key.runId}/ratings/me`, {
        method: "PUT",
        body: {
          ...sent,
          kind: this.options.kind,
          queueItemId: this.options.queueItemId,
          status: submit ? "submitted" : "draft",
          timeSpentMs: Math.round(this.options.timeSpent()),
          version: this.version,
        },
      });
      this.retries = 0;
      this.version = rating.version;
      const isCurrent = this.snapshot.content === sent;
      if (isCurrent) {
        this.isDirty = false;
        clearLocalDraft(this.options.key);
      }
      this.update({
        status: rating.status,
        savedAt: rating.updatedAt,
        error: null,
        saveState: isCurrent ? "saved" : "unsaved",
      });
      // Typed on while saving: the copy now builds on the version just saved.
      if (!isCurrent) this.persistLocal();
      return "saved";
    } catch (error) {
      return this.fail(error, sent);
    }
  }

  private fail(error: unknown, sent: RatingContent): SaveOutcome {
    if (error instanceof ApiError && error.status === 409) {
      const details = error.details as RatingConflict;
      this.isBlocked = true;
      if (details.reason === "stale") {
        this.update({ conflict: { current: details.current, yours: sent }, saveState: "conflict" });
      } else {
        this.update({ error: error.message, saveState: "final" });
      }
      return "conflict";
    }
    if (error instanceof ApiError && error.status < 500) {
      this.update({ error: error.message, saveState: "unsaved" });
      return "invalid";
    }
    // Offline or a server error: the local copy holds the work; try again in a while.
    const delay = RETRY_DELAYS_MS[Math.min(this.retries, RETRY_DELAYS_MS.length - 1)];
    this.retries += 1;
    this.update({ saveState: "offline", error: null });
    this.schedule(delay);
    return "offline";
  }
}
