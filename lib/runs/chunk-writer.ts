// Persists a run's output as it arrives: each flush writes one RunChunk row (the resumable
// stream) and appends its text to the run's reasoning or answer, in one statement, so the run
// row and the chunks never disagree and a closed tab or a crash loses at most one flush
// interval. Deltas are coalesced for FLUSH_MS: a model sends one token per event, and a row
// per token would make the database, not the GPU, the bottleneck; when the database is slower
// than that (a hundred runs at once), a chunk waits for the run's previous write and grows
// meanwhile, so writes never queue up behind a run. The runs' flushes share statements
// (store-chunks.ts). Readers do not wait for storage: each delta goes to the live relay first,
// tagged with the seq its chunk will take.
import type { LiveRun } from "./live-runs";
import { announceRunChange } from "./run-signals";
import { storeChunk } from "./store-chunks";

const FLUSH_MS = 100;

/** The run left the streaming state under the writer (cancelled elsewhere): stop writing. */
export class RunNoLongerStreamingError extends Error {
  constructor() {
    super("the run is no longer streaming");
    this.name = "RunNoLongerStreamingError";
  }
}

export class ChunkWriter {
  private seq: number;
  private pending: { kind: "reasoning" | "answer"; text: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writes: Promise<void> = Promise.resolve();
  /** Writes handed to the database and not yet finished. */
  private unfinished = 0;
  private waitingForWrite = false;
  private wroteFirst = false;
  /** A chunk has been handed to storage (the first goes alone). */
  private wroteAny = false;
  /** The first failed write; later flushes are skipped and the executor stops the run. */
  failure: unknown = null;
  /** The answer so far, for parsing its items at the end (the reasoning lives in the relay and the database). */
  answer = "";

  constructor(
    private readonly runId: string,
    lastSeq = 0,
    private readonly live?: LiveRun,
    private readonly attempt = 1,
  ) {
    this.seq = lastSeq;
  }

  append(kind: "reasoning" | "answer", text: string): void {
    if (!text) return;
    if (this.pending && this.pending.kind !== kind) void this.flush();
    // The buffered text becomes chunk seq + 1 at its flush.
    this.live?.delta(this.seq + 1, kind, text);
    this.pending = { kind, text: (this.pending?.text ?? "") + text };
    if (kind === "answer") this.answer += text;
    // The attempt's first text is stored at once: a reader on another process (the run executes
    // on a worker) sees the first token when it is stored, and would otherwise wait FLUSH_MS.
    if (!this.wroteFirst) {
      this.wroteFirst = true;
      void this.flush();
      return;
    }
    if (!this.timer && !this.waitingForWrite) this.timer = setTimeout(() => this.flushWhenIdle(), FLUSH_MS);
  }

  /** The timer's flush: at once, or as soon as the writes before it have finished. */
  private flushWhenIdle(): void {
    this.timer = undefined;
    if (!this.unfinished) {
      void this.flush();
      return;
    }
    this.waitingForWrite = true;
    void this.writes.then(() => {
      this.waitingForWrite = false;
      if (this.pending) void this.flush();
    });
  }

  /** Writes what is buffered; resolves when every write so far has been committed. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const chunk = this.pending;
    this.pending = null;
    if (chunk) {
      // Writes go one after another, so the run's stored text is always its chunks in order.
      const seq = ++this.seq;
      this.unfinished++;
      const first = !this.wroteAny;
      this.wroteAny = true;
      this.writes = this.writes
        .then(() => this.write(seq, chunk.kind, chunk.text, first))
        .finally(() => this.unfinished--);
    }
    return this.writes;
  }

  /** The sequence number the terminal chunk takes (after everything flushed). */
  nextSeq(): number {
    return ++this.seq;
  }

  private async write(seq: number, kind: "reasoning" | "answer", text: string, first: boolean) {
    if (this.failure) return;
    try {
      // The attempt's first chunk goes in a statement of its own, not behind the group's.
      const stored = await storeChunk({ runId: this.runId, seq, kind, text, attempt: this.attempt }, first);
      if (!stored) throw new RunNoLongerStreamingError();
      // The chunk goes with the signal: readers here behind the relay need not read it back.
      announceRunChange(this.runId, { seq, kind, data: JSON.stringify(text) });
    } catch (error) {
      this.failure = error;
    }
  }
}
