// A run's earlier attempts, from its chunks: each attempt's text runs up to a `retry` marker
// chunk `{attempt, reason}` (its worker died or shut down; requeue-run.ts), and the last attempt
// is the run's own reasoning and answer. Shared by the API (get-run.ts) and the run page, which
// splits the live stream the same way.

export type FailedAttempt = { attempt: number; reason: string; reasoning: string; answer: string };

export type AttemptChunk = { kind: string; data: string };

/** The attempts that ended at a `retry` marker, in order, with the text each had stored. */
export function failedAttempts(chunks: readonly AttemptChunk[]): FailedAttempt[] {
  const out: FailedAttempt[] = [];
  let text = { reasoning: "", answer: "" };
  for (const chunk of chunks) {
    if (chunk.kind === "reasoning" || chunk.kind === "answer") text[chunk.kind] += JSON.parse(chunk.data) as string;
    else if (chunk.kind === "retry") {
      const marker = JSON.parse(chunk.data) as { attempt: number; reason: string };
      out.push({ attempt: marker.attempt, reason: marker.reason, ...text });
      text = { reasoning: "", answer: "" };
    }
  }
  return out;
}
