// Where a rating form starts when the page opens: the server's rating, or the browser's unsaved
// copy, or, when both changed since they parted, a conflict the rater resolves with both
// versions in view. Pure, so "a reload restores the draft" and "never silently overwrite" are
// decided in one tested place.
import { RatingContent, type RatingView } from "./save-rating.types";

export type LocalCopy = { content: RatingContent; baseVersion: number; timeSpentMs: number };

export type DraftStart =
  | { kind: "server"; content: RatingContent; version: number; timeSpentMs: number; dropLocal: boolean }
  | { kind: "restored"; content: RatingContent; version: number; timeSpentMs: number }
  | { kind: "conflict"; current: RatingView | null; yours: RatingContent; version: number; timeSpentMs: number };

const EMPTY = RatingContent.parse({});

export function contentOf(rating: RatingView | null): RatingContent {
  if (!rating) return EMPTY;
  const { overall, confidence, items, missingItems, rubric, steps, comment } = rating;
  return { overall, confidence, items, missingItems, rubric, steps, comment };
}

function isSameContent(a: RatingContent, b: RatingContent): boolean {
  return JSON.stringify(RatingContent.parse(a)) === JSON.stringify(RatingContent.parse(b));
}

export function resolveDraftStart(server: RatingView | null, local: LocalCopy | null): DraftStart {
  const saved = contentOf(server);
  const version = server?.version ?? 0;
  const serverTime = server?.timeSpentMs ?? 0;
  if (!local || isSameContent(local.content, saved)) {
    return { kind: "server", content: saved, version, timeSpentMs: serverTime, dropLocal: Boolean(local) };
  }
  const timeSpentMs = Math.max(serverTime, local.timeSpentMs);
  // The unsaved edits were made on top of what the server still holds: nothing was lost, go on.
  if (local.baseVersion === version) return { kind: "restored", content: local.content, version, timeSpentMs };
  return { kind: "conflict", current: server, yours: local.content, version, timeSpentMs };
}
