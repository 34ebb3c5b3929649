// Wake-ups for SSE readers: the executor announces each committed chunk, and readers waiting
// for more wake at once instead of at their next poll. Lives on globalThis because Next
// bundles route handlers separately and the POST that starts a run and the GET that streams
// it must share one emitter. Readers also poll, so a missed signal only costs latency.
// Other processes' changes arrive by LISTEN/NOTIFY (run-notifications.ts) on the same emitter.
import { EventEmitter } from "node:events";
import { listenForRunNotifications, onRunNotification, RUN_CHANGE_CHANNEL } from "./run-notifications";

const KEY = Symbol.for("ehr-r1-review.run-signals");
const store = globalThis as unknown as Record<symbol, EventEmitter | undefined>;

function emitter(): EventEmitter {
  let current = store[KEY];
  if (!current) {
    current = new EventEmitter();
    // One listener per open stream: many reviewers may watch runs at once.
    current.setMaxListeners(0);
    store[KEY] = current;
    const local = current;
    onRunNotification(RUN_CHANGE_CHANNEL, (runId) => local.emit(runId));
    // A reconnect may have missed notifications: every waiting reader looks again.
    onRunNotification("reconnected", () => {
      for (const name of local.eventNames()) local.emit(name);
    });
  }
  return current;
}

export function announceRunChange(runId: string): void {
  emitter().emit(runId);
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
