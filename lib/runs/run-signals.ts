// Wake-ups for SSE readers: the executor announces each committed chunk, and readers waiting
// for more wake at once instead of at their next poll. Lives on globalThis because Next
// bundles route handlers separately and the POST that starts a run and the GET that streams
// it must share one emitter. Readers also poll, so a missed signal only costs latency.
// Other processes' changes arrive by LISTEN/NOTIFY (run-notifications.ts) on the same emitter.
// A change may carry the chunk it stored (the writer's NOTIFY payload, or this process's
// executor), so readers elsewhere have its text without reading the table (stored-chunk-feeds.ts).
import { EventEmitter } from "node:events";
import { listenForRunNotifications, onRunNotification, RUN_CHANGE_CHANNEL } from "./run-notifications";

/** A chunk as stored (`data` the SSE data, JSON), announced with the change that stored it. */
export type ChangedChunk = { seq: number; kind: string; data: string };

const KEY = Symbol.for("ehr-r1-review.run-signals");
const store = globalThis as unknown as Record<symbol, EventEmitter | undefined>;

/**
 * How long an announced chunk stays here for a reader that starts following its run just after:
 * a run on a worker often sends its first token before its reader's stream has opened (its POST
 * is still being answered), and that reader would otherwise wait for a read of the table in a
 * pool busy with the other requests.
 */
const RECENT_MS = 2_000;
type Recent = { queue: Array<{ at: number; runId: string }>; byRun: Map<string, ChangedChunk[]> };
const RECENT_KEY = Symbol.for("ehr-r1-review.run-signals.recent");
const recentStore = globalThis as unknown as Record<symbol, Recent | undefined>;

function recent(): Recent {
  recentStore[RECENT_KEY] ??= { queue: [], byRun: new Map() };
  const current = recentStore[RECENT_KEY];
  const now = performance.now();
  while (current.queue.length && current.queue[0].at < now - RECENT_MS) {
    const { runId } = current.queue.shift()!;
    const chunks = current.byRun.get(runId)!;
    chunks.shift();
    if (!chunks.length) current.byRun.delete(runId);
  }
  return current;
}

function remember(runId: string, chunk: ChangedChunk): void {
  const current = recent();
  current.queue.push({ at: performance.now(), runId });
  const chunks = current.byRun.get(runId);
  if (chunks) chunks.push(chunk);
  else current.byRun.set(runId, [chunk]);
}

/** The run's chunks announced in the last RECENT_MS (stored rows, in the order announced). */
export function recentChunks(runId: string): ChangedChunk[] {
  return [...(recent().byRun.get(runId) ?? [])];
}

/**
 * A RUN_CHANGE payload: the run id alone, or `{"run", "seq", "kind", "data"}` when the change
 * stored one chunk whose payload fits NOTIFY's 8000 bytes (store-chunks.ts).
 */
export function parseRunChange(payload: string): { runId: string; chunk?: ChangedChunk } | null {
  if (!payload.startsWith("{")) return payload ? { runId: payload } : null;
  try {
    const { run, seq, kind, data } = JSON.parse(payload) as Record<string, unknown>;
    if (typeof run !== "string") return null;
    if (typeof seq !== "number" || typeof kind !== "string" || typeof data !== "string") return { runId: run };
    return { runId: run, chunk: { seq, kind, data } };
  } catch {
    return null;
  }
}

function emitter(): EventEmitter {
  let current = store[KEY];
  if (!current) {
    current = new EventEmitter();
    // One listener per open stream: many reviewers may watch runs at once.
    current.setMaxListeners(0);
    store[KEY] = current;
    const local = current;
    onRunNotification(RUN_CHANGE_CHANNEL, (payload) => {
      const change = parseRunChange(payload);
      if (!change) return;
      if (change.chunk) remember(change.runId, change.chunk);
      local.emit(change.runId, change.chunk);
    });
    // A reconnect may have missed notifications: every waiting reader looks again.
    onRunNotification("reconnected", () => {
      for (const name of local.eventNames()) local.emit(name);
    });
  }
  return current;
}

/** The run changed here; `chunk`: the one chunk this change stored. */
export function announceRunChange(runId: string, chunk?: ChangedChunk): void {
  const events = emitter();
  if (chunk) remember(runId, chunk);
  events.emit(runId, chunk);
}

/** Calls `handler` on each change of the run (with the chunk it stored, if it says); returns the unsubscribe. */
export function onRunChange(runId: string, handler: (chunk: ChangedChunk | undefined) => void): () => void {
  listenForRunNotifications();
  const events = emitter();
  events.on(runId, handler);
  return () => events.off(runId, handler);
}

/** Resolves on the next change of the run, after `timeoutMs`, or when `signal` aborts. */
export function nextRunChange(runId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  listenForRunNotifications();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      emitter().off(runId, done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    emitter().on(runId, done);
    signal?.addEventListener("abort", done, { once: true });
  });
}
