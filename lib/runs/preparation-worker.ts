// The preparation thread's entry (a node:worker_threads Worker, started by prepare-run.ts):
// reads a run's record with its own small pg pool and builds the prompt, so the parsing of
// 50,000 rows, the serializer's ~20 ms of string work and the tokenizer's counting (the bundled
// Qwen3 vocabulary loads here, once) never block the main thread, which relays other runs' tokens. Requests arrive as { id, request } and are answered with
// { id, prepared } or { id, error }; several may be in flight (the preparation slots allow four).
import "server-only";
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import { CONNECT_TIMEOUT_MS, IDLE_CONNECTION_MS } from "../db/pool-settings";
import { NotFoundError } from "../http/errors";
import { BackendError } from "../model/backends/backend-errors";
import { ContextWindowError } from "../model/tasks/context-window";
import { buildRunPrompt, type PreparedRun, type RunPromptRequest } from "./build-run-prompt";
import { requireTask } from "../model/tasks/task-catalog";
import { readRecordUpTo } from "./read-record";

export type PreparationMessage = { id: number; request: RunPromptRequest };
export type PreparationReply = { id: number; prepared: PreparedRun } | { id: number; error: PreparationError };

/** An error as it crosses threads; `kind` keeps the classes the executor tells apart. */
export type PreparationError = {
  kind: "not_found" | "context_window" | "backend" | "other";
  name: string;
  message: string;
  stack?: string;
};

function describeError(caught: unknown): PreparationError {
  const error = caught instanceof Error ? caught : new Error(String(caught));
  const kind =
    error instanceof NotFoundError
      ? "not_found"
      : error instanceof ContextWindowError
        ? "context_window"
        : error instanceof BackendError // the backend's /tokenize: its own words, as a stream's errors
          ? "backend"
          : "other";
  return { kind, name: error.name, message: error.message, stack: error.stack };
}

const { databaseUrl } = workerData as { databaseUrl: string };
/** The slots let four runs prepare at once, each reading three things in parallel. */
const pool = new pg.Pool({
  connectionString: databaseUrl,
  max: 4,
  connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  idleTimeoutMillis: IDLE_CONNECTION_MS,
  // Idle connections alone never keep a process (a CLI, a test) from exiting.
  allowExitOnIdle: true,
});
// A broken idle connection (PostgreSQL restarted) is dropped; the next read reconnects or fails.
pool.on("error", () => {});

const port = parentPort!;
port.on("message", async ({ id, request }: PreparationMessage) => {
  let reply: PreparationReply;
  try {
    const throughAdmission = requireTask(request.taskKey).group === "risk_prediction";
    const record = await readRecordUpTo(pool, request.patientId, request.cutoff, { throughAdmission });
    reply = { id, prepared: await buildRunPrompt(record, request) };
  } catch (caught) {
    reply = { id, error: describeError(caught) };
  }
  port.postMessage(reply);
});
