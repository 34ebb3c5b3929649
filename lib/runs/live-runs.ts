// The in-process relay: while a run executes here, the executor publishes each delta the moment
// the model sends it, and SSE readers in this process get it within a frame — the database stores
// the same text behind it, coalesced (chunk-writer.ts), for readers that come later, reloads and
// other processes. A live run keeps its whole output in memory until it ends (a reasoning text is
// tens of kilobytes), so a reader joining mid-run — or resuming from any SSE id — catches up from
// here without a database read. Deltas carry the seq of the chunk they will be stored in, so ids
// are the same positions whichever source a reader is served from. State lives on globalThis:
// Next bundles route handlers separately, and the POST that starts a run and the GET that streams
// it must share one registry.
import { announceRunChange } from "./run-signals";
import { comparePositions, formatPosition, type StreamPosition } from "./stream-position";

/** One SSE event: `id` a stream position, `data` JSON (a string for text, an object at the end). */
export type RunStreamEvent = { id: string; kind: string; data: string };

/** One screen frame at 60 Hz: the longest a delta waits for the next ones to share its event. */
export const FRAME_MS = 16;

type LiveChunk = { seq: number; kind: "reasoning" | "answer"; text: string };

export class LiveRun {
  /**
   * @param startSeq the last chunk stored before this attempt started (0 for a first attempt;
   * after a retry, the earlier attempts' chunks and the retry marker): the relay holds what
   * follows it, and a reader behind it reads the stored chunks first.
   */
  constructor(readonly startSeq = 0) {}

  /** The output so far, by chunk; the last one may still grow. */
  readonly chunks: LiveChunk[] = [];
  /** The terminal chunk once committed; null while running or when the run ended elsewhere. */
  terminal: { seq: number; kind: "done" | "error"; data: string } | null = null;
  closed = false;
  private waiters = new Set<() => void>();
  private waking = false;
  private frame: ReturnType<typeof setTimeout> | undefined;
  private lastWake = -Infinity;

  /** Text for chunk `seq` (seqs only grow; a kind change starts a new chunk). */
  delta(seq: number, kind: "reasoning" | "answer", text: string): void {
    const last = this.chunks.at(-1);
    if (last && last.seq === seq) last.text += text;
    else this.chunks.push({ seq, kind, text });
    this.wake();
  }

  end(terminal: LiveRun["terminal"]): void {
    if (this.closed) return;
    this.terminal = terminal;
    this.closed = true;
    this.wake(true);
  }

  /** Resolves at the next delta or end, or when `signal` aborts. */
  changed(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener("abort", done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  /**
   * Readers wake at most once a frame (FRAME_MS), and at once after a quiet frame: the first
   * token of a run, or of a pause, goes out straight away, and a model sending faster than a
   * screen repaints has its deltas of one frame sent as one SSE event. A hundred streams then
   * cost a write per reader per frame, not per token, and no text waits longer than a frame.
   * The end goes out at once. "At once" is a microtask, not the next turn of the event loop:
   * a busy server's turn holds every other request's work, and a first token waiting behind it
   * waited tens of milliseconds.
   */
  private wake(now = false): void {
    if (this.waking && !now) return;
    clearTimeout(this.frame);
    this.waking = true;
    const wait = now ? 0 : this.lastWake + FRAME_MS - performance.now();
    const fire = () => {
      this.waking = false;
      this.frame = undefined;
      this.lastWake = performance.now();
      for (const waiter of [...this.waiters]) waiter();
    };
    if (wait > 0) this.frame = setTimeout(fire, wait);
    else queueMicrotask(fire);
  }
}

const KEY = Symbol.for("ehr-r1-review.live-runs");
const store = globalThis as unknown as Record<symbol, Map<string, LiveRun> | undefined>;

function registry(): Map<string, LiveRun> {
  store[KEY] ??= new Map();
  return store[KEY];
}

/** The executor starts relaying a run; readers waiting on the database switch over. */
export function openLiveRun(runId: string, startSeq = 0): LiveRun {
  const live = new LiveRun(startSeq);
  registry().set(runId, live);
  announceRunChange(runId);
  return live;
}

/** The run's relay, if it executes in this process now. */
export function liveRun(runId: string): LiveRun | undefined {
  return registry().get(runId);
}

/**
 * The run stopped relaying: with its committed terminal chunk, or with none when something else
 * ended it (its readers then finish from the database). Idempotent.
 */
export function closeLiveRun(runId: string, terminal: LiveRun["terminal"] = null): void {
  const live = registry().get(runId);
  if (!live) return;
  registry().delete(runId);
  live.end(terminal);
}

/**
 * Events after `after`, from the relay, as soon as they are published: text already there comes
 * as one event per chunk, then each wake-up sends what arrived since (several deltas at once when
 * the reader is slower than the model). Returns true after the terminal event, false when the
 * relay closed without one (or the reader went away): the caller goes on from the database.
 */
export async function* followLiveRun(
  live: LiveRun,
  after: StreamPosition,
  signal: AbortSignal,
): AsyncGenerator<RunStreamEvent, boolean> {
  let index = live.chunks.findIndex((chunk) => chunk.seq >= after.seq);
  if (index === -1) index = live.chunks.length;
  let offset = 0;
  if (live.chunks[index]?.seq === after.seq) {
    if (after.offset === null) index++;
    else offset = after.offset;
  }
  while (!signal.aborted) {
    while (index < live.chunks.length) {
      const chunk = live.chunks[index];
      if (chunk.text.length > offset) {
        const text = chunk.text.slice(offset);
        offset = chunk.text.length;
        yield { id: formatPosition({ seq: chunk.seq, offset }), kind: chunk.kind, data: JSON.stringify(text) };
        // The chunk may have grown while the reader took that one: look again before moving on.
        continue;
      }
      // The last chunk may still grow: stay on it. An earlier one is sealed.
      if (index === live.chunks.length - 1) break;
      index++;
      offset = 0;
    }
    if (live.closed) {
      const { terminal } = live;
      if (!terminal) return false;
      if (comparePositions({ seq: terminal.seq, offset: null }, after) > 0)
        yield { id: String(terminal.seq), kind: terminal.kind, data: terminal.data };
      return true;
    }
    await live.changed(signal);
  }
  return false;
}
