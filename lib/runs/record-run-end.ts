// A run's end in one statement: its status and outcome, its parsed items and its terminal chunk
// land together, and only while the run is still streaming (a cancel that got there first
// wins). One round trip, where an interactive transaction took five while the run's readers
// waited for `done`.
import { dbPool } from "../db";
import { pgTimestampParam } from "../ehr/queries/pg-timestamp";
import type { ItemRow } from "./match-run-items";

export type RunEnd = {
  runId: string;
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
  const params: unknown[] = [end.runId, end.status, pgTimestampParam(new Date())];
  const set = ["status = $2::run_status", '"finishedAt" = $3::timestamp'];
  for (const [field, { column, cast }] of Object.entries(COLUMNS)) {
    const value = end.outcome[field as keyof RunEnd["outcome"]];
    if (value === undefined) continue;
    params.push(cast === "jsonb" && value !== null ? JSON.stringify(value) : value);
    set.push(`${column} = $${params.length}::${cast}`);
  }
  const column = <K extends keyof ItemRow>(key: K) => end.items.map((item) => item[key]);
  params.push(column("rank"), column("label"), column("codeSystem"), column("code"), column("probability"));
  const items = params.length - 4;
  params.push(end.chunk.seq, end.chunk.kind, end.chunk.data);
  const chunk = params.length - 2;
  const { rows } = await dbPool().query<{ id: string }>(
    `WITH run AS (
       UPDATE prediction_run SET ${set.join(", ")}
       WHERE id = $1 AND status = 'streaming'
       RETURNING id
     ), items AS (
       INSERT INTO prediction_item (id, "runId", rank, label, "codeSystem", code, probability)
       SELECT gen_random_uuid()::text, run.id, item.rank, item.label, item."codeSystem", item.code, item.probability
       FROM run, unnest($${items}::int[], $${items + 1}::text[], $${items + 2}::text[], $${items + 3}::text[],
                        $${items + 4}::float8[]) AS item(rank, label, "codeSystem", code, probability)
     ), chunk AS (
       INSERT INTO run_chunk ("runId", seq, kind, data)
       SELECT run.id, $${chunk}::int, $${chunk + 1}::text, $${chunk + 2}::text FROM run
     )
     SELECT id FROM run`,
    params,
  );
  return rows.length === 1;
}
