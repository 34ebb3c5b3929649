// A run's end in one statement: its status and outcome, its parsed items and its terminal chunk
// land together, and only while the run is still streaming (a cancel that got there first
// wins). One round trip, where an interactive transaction took five while the run's readers
// waited for `done`.
import "server-only";
import { dbPool } from "../db";
import { RUN_CHANGE_CHANNEL, storedChunkPayloadSql } from "./run-notifications";
import { pgTimestampParam } from "../ehr/queries/pg-timestamp";
import type { ItemRow } from "./match-run-items";

export type RunEnd = {
  runId: string;
  /** The attempt ending: nothing is written once the run went back to the queue. */
  attempt: number;
  status: "done" | "failed" | "cancelled";
  /** The outcome's columns; only those given are written. */
  outcome: {
    modelName?: string | null;
    finishReason?: string | null;
    usage?: Record<string, number>;
    probability?: number | null;
    error?: string;
  };
  items: readonly ItemRow[];
  chunk: { seq: number; kind: "done" | "error"; data: string };
};

/** Outcome fields → their columns (a fixed list: only these names ever reach the SQL text). */
const COLUMNS = {
  modelName: { column: '"modelName"', cast: "text" },
  finishReason: { column: '"finishReason"', cast: "text" },
  usage: { column: "usage", cast: "jsonb" },
  probability: { column: "probability", cast: "float8" },
  error: { column: "error", cast: "text" },
} as const;

/** Records the end; false when the run was no longer streaming (nothing written). */
export async function recordRunEnd(end: RunEnd): Promise<boolean> {
  const params: unknown[] = [];
  /** Adds a parameter; its placeholder, cast. */
  const param = (value: unknown, cast: string) => `$${params.push(value)}::${cast}`;
  const set = [
    `status = ${param(end.status, "run_status")}`,
    `"finishedAt" = ${param(pgTimestampParam(new Date()), "timestamp")}`,
  ];
  for (const [field, { column, cast }] of Object.entries(COLUMNS)) {
    const value = end.outcome[field as keyof RunEnd["outcome"]];
    if (value === undefined) continue;
    set.push(`${column} = ${param(cast === "jsonb" && value !== null ? JSON.stringify(value) : value, cast)}`);
  }
  const items = (key: keyof ItemRow, cast: string) =>
    param(
      end.items.map((item) => item[key]),
      `${cast}[]`,
    );
  // The terminal chunk, stored and NOTIFYed with itself: readers elsewhere end without a read.
  const [seq, kind, data] = [param(end.chunk.seq, "int"), param(end.chunk.kind, "text"), param(end.chunk.data, "text")];
  const { rows } = await dbPool().query<{ id: string }>(
    `WITH run AS (
       UPDATE prediction_run SET ${set.join(", ")}
       WHERE id = ${param(end.runId, "text")} AND status = 'streaming' AND attempt = ${param(end.attempt, "int")}
       RETURNING id
     ), items AS (
       INSERT INTO prediction_item (id, "runId", rank, label, "codeSystem", code, probability)
       SELECT gen_random_uuid()::text, run.id, item.rank, item.label, item."codeSystem", item.code, item.probability
       FROM run, unnest(${items("rank", "int")}, ${items("label", "text")}, ${items("codeSystem", "text")},
                        ${items("code", "text")}, ${items("probability", "float8")})
         AS item(rank, label, "codeSystem", code, probability)
     ), chunk AS (
       INSERT INTO run_chunk ("runId", seq, kind, data)
       SELECT run.id, ${seq}, ${kind}, ${data}
       FROM run
     )
     SELECT id, pg_notify('${RUN_CHANGE_CHANNEL}', ${storedChunkPayloadSql("run.id", seq, kind, data)}) FROM run`,
    params,
  );
  return rows.length === 1;
}
