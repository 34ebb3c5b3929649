"use client";

// The rating being edited, as React state: a DraftSaver (draft-saver.ts) does the saving; this
// hook starts it from the server's rating and the browser's copy, and re-renders on changes.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { ReviewKind } from "@/lib/review/queue-config";
import { resolveDraftStart } from "@/lib/review/resolve-draft-start";
import type { RatingView } from "@/lib/review/save-rating.types";
import { DraftSaver } from "./draft-saver";
import { readLocalDraft } from "./local-draft";
import { useActiveTime } from "./use-active-time";

export function useRatingDraft(input: {
  userId: string;
  runId: string;
  kind: ReviewKind;
  queueItemId: string | null;
  initial: RatingView | null;
}) {
  const [key] = useState(() => ({ userId: input.userId, runId: input.runId, kind: input.kind }));
  const [start] = useState(() => resolveDraftStart(input.initial, readLocalDraft(key)));
  const time = useActiveTime(start.timeSpentMs);
  const [saver] = useState(
    () =>
      new DraftSaver({
        key,
        kind: input.kind,
        queueItemId: input.queueItemId,
        start,
        initial: input.initial,
        timeSpent: () => time.current,
      }),
  );
  const snapshot = useSyncExternalStore(saver.subscribe, saver.getSnapshot, saver.getSnapshot);

  useEffect(() => {
    saver.open();
    const warn = (event: BeforeUnloadEvent) => {
      if (saver.hasUnsavedWork) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      saver.close();
    };
  }, [saver]);

  return { ...snapshot, saver };
}
