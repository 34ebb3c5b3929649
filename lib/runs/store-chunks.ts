// Group commit for the chunks of every run streaming in this process: writes asked for while a
// statement is on its way (or in the same event-loop turn) go together in the next one. A
// hundred runs flushing every 100 ms were a thousand statements a second, each a pool
// checkout, a socket write and its parsing on the main thread, and a queue in front of every
// other query (a reader's GET /api/runs/:id/stream waited behind them while its run had already
// asked the model). Each run keeps what it had: its chunk is stored and its text appended to the
// run's by one statement, only while the run is streaming (the UPDATE locks its row, as a cancel
// elsewhere does). Appending, a statement carries only what arrived since the last one (writing
// the whole text each time made every flush of a long reasoning cost its full length again).
// State lives on globalThis, like the executor's: Next bundles route handlers separately, and
// all of them should share one batch.
import "server-only";
import { dbPool } from "../db";
import { RUN_CHANGE_CHANNEL, storedChunkPayloadSql } from "./run-notifications";

/** One run's chunk: its text, appended to the run's reasoning or answer. */
export type ChunkRow = {
  runId: string;
  seq: number;
  kind: "reasoning" | "answer";
  text: string;
  /** The attempt writing it: a worker that lost its lease (the run went back to the queue) writes nothing. */
  attempt: number;
};

type Waiting = { row: ChunkRow; settle: (stored: boolean) => void; fail: (error: unknown) => void };

type BatchState = { waiting: Waiting[]; busy: boolean };

const KEY = Symbol.for("ehr-r1-review.store-chunks");
const store = globalThis as unknown as Record<symbol, BatchState | undefined>;

function state(): BatchState {
  store[KEY] ??= { waiting: [], busy: false };
  return store[KEY];
}

// The chunks as parallel arrays; a run appears once per statement (each ChunkWriter has one
// write outstanding at a time, so a run's chunks append in order). RETURNING names the runs
// still streaming (in the writer's attempt), whose chunks went in; readers in other processes
// hear of them by NOTIFY, whose payload carries the stored chunk itself (run, seq, kind, data)
// when it fits, so they need not read it back (stored-chunk-feeds.ts), else the run id alone.
// The stored data is the SSE event's: the text as JSON.
const STATEMENT = `
  WITH chunk AS (
    SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[])
      AS c("runId", seq, kind, text, data, attempt)
  ), run AS (
    UPDATE prediction_run SET
      reasoning = CASE WHEN chunk.kind = 'reasoning' THEN prediction_run.reasoning || chunk.text ELSE prediction_run.reasoning END,
      answer = CASE WHEN chunk.kind = 'answer' THEN prediction_run.answer || chunk.text ELSE prediction_run.answer END
    FROM chunk
    WHERE prediction_run.id = chunk."runId" AND prediction_run.status = 'streaming'
      AND prediction_run.attempt = chunk.attempt
    RETURNING prediction_run.id
  ), stored AS (
    INSERT INTO run_chunk ("runId", seq, kind, data)
    SELECT chunk."runId", chunk.seq, chunk.kind, chunk.data FROM chunk JOIN run ON run.id = chunk."runId"
  )
  SELECT run.id, pg_notify('${RUN_CHANGE_CHANNEL}', ${storedChunkPayloadSql("run.id", "chunk.seq", "chunk.kind", "chunk.data")})
  FROM run JOIN chunk ON chunk."runId" = run.id`;

async function writeRows(rows: ChunkRow[]): Promise<Set<string>> {
  const column = <K extends keyof ChunkRow>(key: K) => rows.map((row) => row[key]);
  const { rows: stored } = await dbPool().query<{ id: string }>(STATEMENT, [
    column("runId"),
    column("seq"),
    column("kind"),
    column("text"),
    rows.map((row) => JSON.stringify(row.text)),
    column("attempt"),
  ]);
  return new Set(stored.map((row) => row.id));
}

async function writeBatch(batch: Waiting[]): Promise<void> {
  try {
    const stored = await writeRows(batch.map((entry) => entry.row));
    for (const entry of batch) entry.settle(stored.has(entry.row.runId));
  } catch (error) {
    if (batch.length === 1) {
      batch[0].fail(error);
      return;
    }
    // One run's bad text must not fail the others: each goes again on its own, and only the
    // runs whose own statement fails see an error (all of them when the database is down).
    await Promise.all(batch.map((entry) => writeBatch([entry])));
  }
}

function drain(): void {
  const current = state();
  if (current.busy || !current.waiting.length) return;
  current.busy = true;
  const batch = current.waiting;
  current.waiting = [];
  void writeBatch(batch).finally(() => {
    current.busy = false;
    drain();
  });
}

/**
 * Stores a chunk and appends it to its run's text; resolves true once committed, false when the
 * run is no longer streaming (nothing written), and rejects when the database refused it.
 * `alone`: in a statement of its own, at once, not after the statement on its way. An attempt's
 * first text goes so: a reader on another process has nothing until it is committed (its time to
 * first token), and waiting for the group's statement in flight, then a statement of a hundred
 * runs' chunks, doubled that wait at a hundred streams.
 */
export function storeChunk(row: ChunkRow, alone = false): Promise<boolean> {
  if (alone) return writeRows([row]).then((stored) => stored.has(row.runId));
  return new Promise((settle, fail) => {
    const current = state();
    current.waiting.push({ row, settle, fail });
    // Writes asked for in this turn of the event loop join the statement.
    if (!current.busy && current.waiting.length === 1) setImmediate(drain);
  });
}
