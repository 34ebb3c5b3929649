// A run's output as Server-Sent Events, read from its RunChunk rows: `id` is the chunk's seq,
// so a reconnecting EventSource (Last-Event-ID) or a page that rendered the text up to a seq
// resumes with exactly the later chunks. Live runs are followed by waiting for the executor's
// signal, with a poll as the fallback; the stream ends after the terminal `done` or `error`.
// Every event's data is JSON: a string for reasoning/answer, an object for done/error.
import { db } from "../db";
import { nextRunChange } from "./run-signals";

export type RunChunkEvent = { seq: number; kind: string; data: string };

const TERMINAL = new Set(["done", "error"]);
const PAGE = 500;
const POLL_MS = 1_000;
const HEARTBEAT_MS = 15_000;

/** Chunks after `afterSeq` in order, following the run until its terminal chunk. */
export async function* followRunChunks(
  runId: string,
  afterSeq: number,
  signal: AbortSignal,
  pollMs = POLL_MS,
): AsyncGenerator<RunChunkEvent> {
  let last = afterSeq;
  while (!signal.aborted) {
    // Listen before reading, so a chunk committed between the read and the wait is not missed.
    const changed = nextRunChange(runId, pollMs, signal);
    const chunks = await db.runChunk.findMany({
      where: { runId, seq: { gt: last } },
      orderBy: { seq: "asc" },
      take: PAGE,
      select: { seq: true, kind: true, data: true },
    });
    for (const chunk of chunks) {
      yield chunk;
      last = chunk.seq;
      if (TERMINAL.has(chunk.kind)) return;
    }
    if (chunks.length === PAGE) continue;
    if (!chunks.length) {
      const run = await db.predictionRun.findUnique({ where: { id: runId }, select: { status: true } });
      // Every end writes its terminal chunk in the same transaction as the status; a run
      // without one (deleted meanwhile) just ends the stream.
      if (!run) return;
    }
    await changed;
  }
}

/** The Last-Event-ID header (EventSource reconnects) or ?lastEventId= (a page resuming). */
export function lastEventId(request: Request): number {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  const value = Number(raw);
  return raw && Number.isInteger(value) && value > 0 ? value : 0;
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: Next then skips compression, which would buffer the events.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  connection: "keep-alive",
} as const;

/** The SSE body: a reconnect delay, then the chunks, with comment heartbeats for proxies. */
export function runEventStream(runId: string, afterSeq: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  return new ReadableStream({
    async start(controller) {
      const send = (text: string) => {
        if (!signal.aborted) controller.enqueue(encoder.encode(text));
      };
      send("retry: 2000\n\n");
      heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      try {
        for await (const chunk of followRunChunks(runId, afterSeq, signal)) {
          send(`id: ${chunk.seq}\nevent: ${chunk.kind}\ndata: ${chunk.data}\n\n`);
        }
      } catch (error) {
        if (!signal.aborted) console.error(`run ${runId}: stream failed:`, error);
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
    },
  });
}
