// Run preparation off the main thread: one node:worker_threads Worker (preparation-worker.ts)
// reads each run's record over its own pg connections and builds the prompt, and the main
// thread only waits for the answer. Parsing a 50,000-event record and serializing it took the
// main thread ~20 ms a run, during which no other run's tokens were relayed. One thread is
// enough: the preparation slots let four runs in at once, on a server of a few cores shared
// with PostgreSQL. State lives on globalThis, like the executor's: Next bundles route handlers
// separately.
//
// The entry is named with `new Worker(new URL("./preparation-worker.ts", import.meta.url))`,
// which Turbopack bundles as a worker entry of its own with its imports (`next build` and
// `next dev`); unbundled (vitest, tsx) the URL is the TypeScript file itself, loaded through tsx.
import "server-only";
import { Worker } from "node:worker_threads";
import { dbPool } from "../db";
import { ensurePatientEvents } from "../ehr/mimic-code/materialize-patient";
import { ContextWindowError } from "../model/tasks/context-window";
import type { PreparedRun, RunPromptRequest } from "./build-run-prompt";
import type { PreparationError, PreparationMessage, PreparationReply } from "./preparation-worker";
import { RunFailure } from "./run-failure";

type Pending = { resolve: (prepared: PreparedRun) => void; reject: (error: Error) => void };
type Thread = { worker: Worker; pending: Map<number, Pending>; nextId: number };

const KEY = Symbol.for("ehr-r1-review.preparation-thread");
const store = globalThis as unknown as Record<symbol, Thread | undefined>;

/** The worker's error as the executor reports it: the reviewer's message, details in the log. */
function failureFrom(error: PreparationError): Error {
  if (error.kind === "context_window") return new ContextWindowError(error.message);
  if (error.kind === "not_found") return new RunFailure(`the record could not be loaded: ${error.message}`);
  if (error.kind === "backend") return new RunFailure(error.message);
  console.error("preparing a run failed:", error.stack ?? `${error.name}: ${error.message}`);
  return new RunFailure(`the record could not be read or the prompt built (${error.name}: ${error.message})`);
}

/**
 * A worker script that loads a TypeScript entry through tsx (a dev dependency, there when the
 * source runs unbundled). `--import tsx` in the worker's execArgv does not reach worker threads
 * on Node 20; tsx's API registered inside the worker does.
 */
const throughTsx = (entry: URL) =>
  `import("tsx/esm/api").then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry.href)}))`;

function startThread(): Thread {
  const options = { workerData: { databaseUrl: process.env.DATABASE_URL } };
  // Under Next (NEXT_RUNTIME is set in its server, built or dev) the entry is Turbopack's bundle
  // of it; anywhere else (vitest, tsx) it is the TypeScript source. import.meta.url cannot tell:
  // Turbopack gives the source's path there too.
  const worker = process.env.NEXT_RUNTIME
    ? new Worker(new URL("./preparation-worker.ts", import.meta.url), options)
    : new Worker(throughTsx(new URL("./preparation-worker.ts", import.meta.url)), {
        ...options,
        eval: true,
        // The entry's database modules import "server-only", which only React's server
        // condition lets load (vitest's alias does not reach a thread).
        execArgv: [...process.execArgv, "--conditions=react-server"],
      });
  const thread: Thread = { worker, pending: new Map(), nextId: 0 };
  worker.on("message", ({ id, ...reply }: PreparationReply) => {
    const pending = thread.pending.get(id);
    thread.pending.delete(id);
    if (!thread.pending.size) worker.unref();
    if (!pending) return;
    if ("prepared" in reply) pending.resolve(reply.prepared);
    else pending.reject(failureFrom(reply.error));
  });
  let crash: Error | undefined;
  worker.on("error", (error) => {
    crash = error;
    console.error("the run preparation thread failed:", error);
  });
  // However it ended (an uncaught error, out of memory, terminated), the runs it was preparing
  // fail with a reason, and the next run starts a new thread.
  worker.on("exit", (code) => {
    if (store[KEY] === thread) store[KEY] = undefined;
    const reason = crash ? `${crash.name}: ${crash.message}` : `exit code ${code}`;
    for (const pending of thread.pending.values()) {
      pending.reject(
        new RunFailure(`the thread preparing the prompt stopped unexpectedly (${reason}); see the server log`),
      );
    }
    thread.pending.clear();
  });
  // An idle thread does not keep the process alive (tests, CLIs); a busy one does.
  worker.unref();
  return thread;
}

/** Reads the run's record and builds its prompt (and the baseline's prediction) off the main thread. */
export async function prepareRun(request: RunPromptRequest): Promise<PreparedRun> {
  // A patient registered from a mimic-code database has their events read into `event` first
  // (once; one indexed lookup afterwards), so the thread reads the record as it always does.
  await ensurePatientEvents(dbPool(), request.patientId);
  store[KEY] ??= startThread();
  const thread = store[KEY];
  const id = thread.nextId++;
  return new Promise((resolve, reject) => {
    if (!thread.pending.size) thread.worker.ref();
    thread.pending.set(id, { resolve, reject });
    thread.worker.postMessage({ id, request } satisfies PreparationMessage);
  });
}

/** Stops the thread (tests; a run being prepared fails as if it had crashed). */
export async function stopPreparationThread(): Promise<void> {
  const thread = store[KEY];
  store[KEY] = undefined;
  await thread?.worker.terminate();
}
