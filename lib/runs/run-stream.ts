// A run's output as Server-Sent Events. A run executing in this process is served from the live
// relay (live-runs.ts) as the model sends it; anything else from its RunChunk rows, followed by
// waiting for a signal — the executor's here, PostgreSQL NOTIFY from a worker elsewhere — with a
// poll as the fallback (a run in another process, or one still queued — it switches to the
// relay when it starts here). `id` is a stream position
// (stream-position.ts), so a reconnecting EventSource (Last-Event-ID) or a page that rendered
// the text up to a seq resumes with exactly what follows, whichever source serves it. The
// stream ends after the terminal `done` or `error`. Every event's data is JSON: a string for
// reasoning/answer, an object for done/error and for `retry` (an attempt ended without an end,
// its worker gone; what follows is the next attempt, from the start: `{attempt, reason}`).
// Positions count on across attempts, so a resume is exact whichever attempt it falls in.
import { followLiveRun, liveRun, type RunStreamEvent } from "./live-runs";
import { holdsRun } from "./run-executor";
import { nextRunChange } from "./run-signals";
import { joinStoredChunkFeed, PAGE } from "./stored-chunk-feeds";
import { START, comparePositions, parsePosition, type StreamPosition } from "./stream-position";

const TERMINAL = new Set(["done", "error"]);
/** A stored marker between attempts: `{attempt, reason}`, the attempt that ended and why. */
export const RETRY_KIND = "retry";
const POLL_MS = 1_000;
const HEARTBEAT_MS = 15_000;

/**
 * Everything after `after`, from the relay while the run executes here, else from the database;
 * a reader switches from the database to the relay when the run starts, and back when the relay
 * closes without an end (the run ended elsewhere), always from the position it has reached.
 */
export async function* followRun(
  runId: string,
  after: StreamPosition,
  signal: AbortSignal,
  pollMs = POLL_MS,
  justQueued = false,
): AsyncGenerator<RunStreamEvent> {
  let position = after;
  // A run this process has just queued, and still holds, has nothing stored yet: its first news
  // is its start here (or its cancel), so the reader waits for that instead of reading an empty
  // table. One that already ended (a fast baseline) is read from the database at once.
  if (justQueued && !liveRun(runId) && holdsRun(runId)) await nextRunChange(runId, pollMs, signal);
  // The stored chunks come through the run's one feed in this process, shared with its other
  // readers (joined on first need: a reader served by the relay alone never reads the table).
  let joined: ReturnType<typeof joinStoredChunkFeed> | undefined;
  try {
    while (!signal.aborted) {
      const live = liveRun(runId);
      // The relay holds this attempt's output; a reader still behind it (an earlier attempt's
      // chunks, the retry marker) reads those from the database first.
      if (live && comparePositions(position, { seq: live.startSeq, offset: null }) >= 0) {
        const relay = followLiveRun(live, position, signal);
        for (;;) {
          const next = await relay.next();
          if (next.done) {
            if (next.value) return;
            break;
          }
          yield next.value;
          position = parsePosition(next.value.id) ?? position;
        }
        continue;
      }
      joined ??= joinStoredChunkFeed(runId);
      const { feed } = joined;
      // Listen before reading (nothing runs between the look above and this), so a chunk committed
      // or a run started here between the read and the wait is not missed.
      const changed = feed.nextChange(pollMs, signal);
      const chunks = await feed.after(position);
      // Every end writes its terminal chunk in the same transaction as the status; a run
      // without one (deleted meanwhile) just ends the stream.
      if (!chunks) return;
      let ended = false;
      for (const chunk of chunks) {
        let data = chunk.data;
        if (chunk.seq === position.seq) {
          // The reader has this chunk (all of it, or its first `offset` characters from the relay).
          if (position.offset === null || (chunk.kind !== "reasoning" && chunk.kind !== "answer")) continue;
          const rest = (JSON.parse(data) as string).slice(position.offset);
          if (!rest) continue;
          data = JSON.stringify(rest);
        }
        yield { id: String(chunk.seq), kind: chunk.kind, data };
        position = { seq: chunk.seq, offset: null };
        if (TERMINAL.has(chunk.kind)) {
          ended = true;
          break;
        }
      }
      if (ended) return;
      // A full page, or a catch-up on the chunks before this process's relay: go on at once.
      if (chunks.length === PAGE || (chunks.length && liveRun(runId))) continue;
      await changed;
    }
  } finally {
    joined?.leave();
  }
}

/** Where the reader resumes: the Last-Event-ID header (EventSource reconnects) or ?lastEventId= (a page). */
export function lastEventId(request: Request): StreamPosition {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  return parsePosition(raw) ?? START;
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: Next then skips compression, which would buffer the events.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  connection: "keep-alive",
} as const;

/**
 * The SSE body: a reconnect delay, then the chunks, with comment heartbeats for proxies.
 * `justQueued`: the caller has just created and queued the run in this process.
 */
export function runEventStream(
  runId: string,
  after: StreamPosition,
  signal: AbortSignal,
  justQueued = false,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  // Cancelling the body (a caller that will not send it after all) stops following, as the
  // client going away does.
  const cancelled = new AbortController();
  const following = AbortSignal.any([signal, cancelled.signal]);
  return new ReadableStream({
    async start(controller) {
      const send = (text: string) => {
        if (!following.aborted) controller.enqueue(encoder.encode(text));
      };
      send("retry: 2000\n\n");
      heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      try {
        for await (const event of followRun(runId, after, following, POLL_MS, justQueued)) {
          send(`id: ${event.id}\nevent: ${event.kind}\ndata: ${event.data}\n\n`);
        }
      } catch (error) {
        if (!following.aborted) console.error(`run ${runId}: stream failed:`, error);
      } finally {
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      }
    },
    cancel() {
      clearInterval(heartbeat);
      cancelled.abort();
    },
  });
}
