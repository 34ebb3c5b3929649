// Where a reader of a run's stream stands, as carried by SSE ids. A stored chunk's id is its seq
// ("7": everything through chunk 7). The live relay sends text before its chunk is stored, so its
// ids also say how far into the chunk the reader is ("8:120": chunk 7, then the first 120
// characters — UTF-16 code units, as JavaScript counts — of chunk 8). A reconnect with either
// resumes exactly after what the reader has: no gap, no repeat. Shared by the server and the page.

export type StreamPosition = {
  seq: number;
  /** Characters of chunk `seq` the reader has; null: all of it. */
  offset: number | null;
};

export const START: StreamPosition = { seq: 0, offset: null };

export function formatPosition(position: StreamPosition): string {
  return position.offset === null ? String(position.seq) : `${position.seq}:${position.offset}`;
}

/** A position from an SSE id; null for anything else (an absent or foreign id). */
export function parsePosition(raw: string | null | undefined): StreamPosition | null {
  const match = /^(\d{1,9})(?::(\d{1,9}))?$/.exec(raw?.trim() ?? "");
  if (!match) return null;
  return { seq: Number(match[1]), offset: match[2] === undefined ? null : Number(match[2]) };
}

/** Negative when `a` is before `b`, 0 when equal, positive after. */
export function comparePositions(a: StreamPosition, b: StreamPosition): number {
  if (a.seq !== b.seq) return a.seq - b.seq;
  return (a.offset ?? Infinity) - (b.offset ?? Infinity) || 0;
}
