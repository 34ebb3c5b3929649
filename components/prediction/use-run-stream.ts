"use client";

// Follows a live run over SSE, starting after the seq the page's text already includes; the
// browser's own reconnects resume with Last-Event-ID (a stream position: a seq, or a place inside
// a chunk the relay sent before it was stored), and a position not past the last one seen is
// ignored, so the text never loses or repeats a piece. Calls onEnd at the terminal event.
import { useEffect, useRef, useState } from "react";
import { comparePositions, formatPosition, parsePosition, type StreamPosition } from "@/lib/runs/stream-position";

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
    const end = (event: Event) => {
      // "error" is also EventSource's own name for a dropped connection (no data): it reconnects.
      if (!(event instanceof MessageEvent) || !event.data || !fresh(event)) return;
      source.close();
      setLive((current) => ({ ...current, seq: position.current.seq, ended: true }));
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
