"use client";

// Follows a live run over SSE, starting after the seq the page's text already includes; the
// browser's own reconnects resume with Last-Event-ID (a stream position: a seq, or a place inside
// a chunk the relay sent before it was stored), and a position not past the last one seen is
// ignored, so the text never loses or repeats a piece. A `retry` event (the attempt's worker
// died or shut down; the run starts again on another) moves the text so far to the failed
// attempts and starts over. Calls onEnd at the terminal event.
import { useEffect, useRef, useState } from "react";
import type { FailedAttempt } from "@/lib/runs/run-attempts";
import { comparePositions, formatPosition, parsePosition, type StreamPosition } from "@/lib/runs/stream-position";

export type LiveText = {
  reasoning: string;
  answer: string;
  failedAttempts: FailedAttempt[];
  seq: number;
  ended: boolean;
};

export function useRunStream(
  runId: string,
  initial: { reasoning: string; answer: string; failedAttempts: FailedAttempt[]; lastSeq: number },
  active: boolean,
  onEnd: () => void,
): LiveText {
  const [live, setLive] = useState<LiveText>({
    reasoning: initial.reasoning,
    answer: initial.answer,
    failedAttempts: initial.failedAttempts,
    seq: initial.lastSeq,
    ended: false,
  });
  const position = useRef<StreamPosition>({ seq: initial.lastSeq, offset: null });
  const endRef = useRef(onEnd);
  useEffect(() => {
    endRef.current = onEnd;
  }, [onEnd]);

  useEffect(() => {
    if (!active) return;
    const source = new EventSource(`/api/runs/${runId}/stream?lastEventId=${formatPosition(position.current)}`);
    const fresh = (event: MessageEvent) => {
      const id = parsePosition(event.lastEventId);
      if (!id || comparePositions(id, position.current) <= 0) return false;
      position.current = id;
      return true;
    };
    const append = (kind: "reasoning" | "answer") => (event: MessageEvent) => {
      if (!fresh(event)) return;
      const text = JSON.parse(event.data) as string;
      setLive((current) => ({ ...current, [kind]: current[kind] + text, seq: position.current.seq }));
    };
    const retry = (event: MessageEvent) => {
      if (!fresh(event)) return;
      const { attempt, reason } = JSON.parse(event.data) as { attempt: number; reason: string };
      setLive((current) => ({
        ...current,
        failedAttempts: [
          ...current.failedAttempts,
          { attempt, reason, reasoning: current.reasoning, answer: current.answer },
        ],
        reasoning: "",
        answer: "",
        seq: position.current.seq,
      }));
    };
    const end = (event: Event) => {
      // "error" is also EventSource's own name for a dropped connection (no data): it reconnects.
      if (!(event instanceof MessageEvent) || !event.data || !fresh(event)) return;
      source.close();
      setLive((current) => ({ ...current, seq: position.current.seq, ended: true }));
      endRef.current();
    };
    source.addEventListener("reasoning", append("reasoning"));
    source.addEventListener("answer", append("answer"));
    source.addEventListener("retry", retry);
    source.addEventListener("done", end);
    source.addEventListener("error", end);
    return () => source.close();
  }, [runId, active]);

  return live;
}
