// PostgreSQL LISTEN/NOTIFY between processes: one listening connection per process. Writers
// NOTIFY in the statement that commits the change (store-chunks, record-run-end, a cancel, a
// run put back on the queue), so a reader on any web process wakes when a chunk of a run
// executing on any worker is stored, and a worker hears of new jobs, freed slots and cancels.
// The stored rows stay the truth: a notification only says "look again", and readers and
// workers also poll, so a notification lost while this connection reconnects costs latency,
// never data.
import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";

/** A run's chunks, status or attempt changed (payload: the run id). */
export const RUN_CHANGE_CHANNEL = "ehr_run_change";
/** Jobs were added or a backend slot was freed: workers look at the queue. */
export const JOBS_CHANNEL = "ehr_run_jobs";
/** A run was cancelled (payload: the run id): the process executing it stops it. */
export const RUN_CANCEL_CHANNEL = "ehr_run_cancel";

const CHANNELS = [RUN_CHANGE_CHANNEL, RUN_CANCEL_CHANNEL, JOBS_CHANNEL];

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more (BLCKSZ − NAMEDATALEN − 128). */
const NOTIFY_PAYLOAD_BYTES = 8000;

/**
 * SQL for the RUN_CHANGE payload of a statement that stores one chunk of a run (the arguments are
 * SQL expressions): the chunk itself, `{run, seq, kind, data}`, so readers elsewhere need not
 * read it back (stored-chunk-feeds.ts), or the run id alone when that would not fit.
 */
export function storedChunkPayloadSql(run: string, seq: string, kind: string, data: string): string {
  const payload = `json_build_object('run', ${run}, 'seq', ${seq}, 'kind', ${kind}, 'data', ${data})::text`;
  return `CASE WHEN octet_length(${payload}) < ${NOTIFY_PAYLOAD_BYTES} THEN ${payload} ELSE ${run} END`;
}
const RECONNECT_MS = 1_000;

type ListenerState = { events: EventEmitter; client: pg.Client | null; started: boolean; stopped: boolean };

const KEY = Symbol.for("ehr-r1-review.run-notifications");
const store = globalThis as unknown as Record<symbol, ListenerState | undefined>;

function state(): ListenerState {
  if (!store[KEY]) {
    const events = new EventEmitter();
    events.setMaxListeners(0);
    store[KEY] = { events, client: null, started: false, stopped: false };
  }
  return store[KEY];
}

async function connect(current: ListenerState): Promise<void> {
  if (current.stopped || !process.env.DATABASE_URL) return;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, keepAlive: true });
  const retry = () => {
    if (current.client !== client) return;
    current.client = null;
    client.end().catch(() => undefined);
    // Whatever was said while nobody listened is read from the rows by everyone's poll.
    current.events.emit("reconnected");
    setTimeout(() => void connect(current), RECONNECT_MS).unref();
  };
  client.on("error", retry);
  client.on("end", retry);
  client.on("notification", ({ channel, payload }) => current.events.emit(channel, payload ?? ""));
  current.client = client;
  try {
    await client.connect();
    for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
  } catch {
    retry();
  }
}

/** Starts this process's listening connection (once; it reconnects by itself). */
export function listenForRunNotifications(): void {
  const current = state();
  if (current.started) return;
  current.started = true;
  void connect(current);
}

/** Calls `handler` with each notification's payload on `channel`; returns the unsubscribe. */
export function onRunNotification(channel: string, handler: (payload: string) => void): () => void {
  const { events } = state();
  events.on(channel, handler);
  return () => events.off(channel, handler);
}

/** Closes the listening connection (a worker's shutdown). */
export async function stopRunNotifications(): Promise<void> {
  const current = state();
  current.stopped = true;
  const client = current.client;
  current.client = null;
  await client?.end().catch(() => undefined);
}
