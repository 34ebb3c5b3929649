"use client";

// Follows a live run over SSE, starting after the seq the page's text already includes; the
// browser's own reconnects resume with Last-Event-ID, and a seq seen twice is ignored, so the
// text never loses or repeats a piece. Calls onEnd at the terminal event.
import { useEffect, useRef, useState } from "react";

export type LiveText = { reasoning: string; answer: string; seq: number; ended: boolean };

export function useRunStream(
  runId: string,
  initial: { reasoning: string; answer: string; lastSeq: number },
  active: boolean,
  onEnd: () => void,
): LiveText {
  const [live, setLive] = useState<LiveText>({
    reasoning: initial.reasoning,
    answer: initial.answer,
    seq: initial.lastSeq,
    ended: false,
  });
  const seq = useRef(initial.lastSeq);
  const endRef = useRef(onEnd);
  useEffect(() => {
    endRef.current = onEnd;
  }, [onEnd]);

  useEffect(() => {
    if (!active) return;
    const source = new EventSource(`/api/runs/${runId}/stream?lastEventId=${seq.current}`);
    const fresh = (event: MessageEvent) => {
      const id = Number(event.lastEventId);
      if (!Number.isInteger(id) || id <= seq.current) return false;
      seq.current = id;
      return true;
    };
    const append = (kind: "reasoning" | "answer") => (event: MessageEvent) => {
      if (!fresh(event)) return;
      const text = JSON.parse(event.data) as string;
      setLive((current) => ({ ...current, [kind]: current[kind] + text, seq: seq.current }));
    };
    const end = (event: Event) => {
      // "error" is also EventSource's own name for a dropped connection (no data): it reconnects.
      if (!(event instanceof MessageEvent) || !event.data || !fresh(event)) return;
      source.close();
      setLive((current) => ({ ...current, seq: seq.current, ended: true }));
      endRef.current();
    };
    source.addEventListener("reasoning", append("reasoning"));
    source.addEventListener("answer", append("answer"));
    source.addEventListener("done", end);
    source.addEventListener("error", end);
    return () => source.close();
  }, [runId, active]);

  return live;
}
