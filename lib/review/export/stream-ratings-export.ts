// GET /api/export/ratings.csv|.jsonl as a stream. On its own connection and in one
// repeatable-read transaction (so the lookups and the rows see the same ratings), the
// lookups are filled, then the one export query (export-sql.ts) runs as COPY … TO STDOUT and
// its bytes are relayed as they arrive. The web stream pulls one chunk at a time and
// pg-copy-streams stops reading the socket while a chunk waits, so PostgreSQL pauses with
// the client: constant memory however large the export. A client going away destroys the
// socket, which ends the backend's query and frees the connection; a failure mid-way errors
// the stream, so the download is visibly incomplete rather than silently short.
import "server-only";
import net from "node:net";
import { stringify } from "csv-stringify/sync";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { CopyLineDecoder } from "./copy-lines";
import { ITEM_COLUMNS, TIDY_COLUMNS } from "./export-columns";
import { prepareLookups } from "./export-lookups";
import type { ExportQuery } from "./export-ratings.types";
import { tidyCsvSql, tidyJsonlSql, wideSql, type ExportFormat, type RatingFilter } from "./export-sql";
import { pseudonymizer } from "./pseudonymize";

export type { ExportFormat } from "./export-sql";

export type RatingsExport = { stream: ReadableStream<Uint8Array>; filename: string; contentType: string };

/** Shown in pg_stat_activity, so an export's connection can be told apart. */
export const EXPORT_APPLICATION_NAME = "ratings-export";

/** Bytes gathered from COPY before they are handed to the response. */
const RELAY_CHUNK_BYTES = 256 * 1024;

type ExportPlan = {
  format: ExportFormat;
  layout: ExportQuery["layout"];
  filter: RatingFilter;
  raterId: (userId: string) => string;
  pseudonymous: boolean;
};

function planOf(format: ExportFormat, query: ExportQuery): ExportPlan {
  const salt = query.salt ?? crypto.randomUUID();
  return {
    format,
    layout: query.layout,
    filter: { queueId: query.queue, includeDrafts: query.include === "all" },
    raterId: query.pseudonymize ? pseudonymizer(salt) : (userId) => userId,
    pseudonymous: query.pseudonymize,
  };
}

function copyStatement(plan: ExportPlan): { sql: string; lines: boolean } {
  if (plan.layout === "wide") return { sql: wideSql(plan.filter, plan.format), lines: true };
  if (plan.format === "jsonl") return { sql: tidyJsonlSql(plan.filter), lines: true };
  return { sql: tidyCsvSql(plan.filter), lines: false };
}

async function* exportChunks(plan: ExportPlan): AsyncGenerator<Uint8Array> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (start the app with `npm start`)");
  // Our own socket, so an abandoned export can be cut off even mid-COPY.
  const socket = new net.Socket();
  const client = new pg.Client({
    connectionString: url,
    stream: () => socket,
    application_name: EXPORT_APPLICATION_NAME,
  });
  client.on("error", () => {}); // surfaces through the query or COPY that was running
  let finished = false;
  try {
    await client.connect();
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    // A backend still sorting when the client leaves notices the closed socket within a second.
    await client.query("SET LOCAL client_connection_check_interval = '1s'");
    const raters = await prepareLookups(client, plan.filter, plan.raterId, plan.pseudonymous);
    const columns = plan.layout === "wide" ? [...ITEM_COLUMNS, ...raters.map((rater) => rater.column)] : TIDY_COLUMNS;
    if (plan.format === "csv") yield Buffer.from(stringify([columns]));
    const { sql, lines } = copyStatement(plan);
    const copy = client.query(copyTo(`COPY (${sql}) TO STDOUT ${lines ? "(FORMAT binary)" : "(FORMAT csv)"}`));
    copy.on("error", () => {}); // the loop below rethrows it; this keeps a late one from being unhandled
    const decoder = lines ? new CopyLineDecoder() : null;
    // The socket delivers a few kB at a time; each chunk handed on costs a trip through the
    // web stream and the HTTP response, so they are gathered into larger ones first.
    let gathered: Buffer[] = [];
    let gatheredBytes = 0;
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      const bytes = decoder ? decoder.decode(chunk) : chunk;
      gathered.push(bytes);
      gatheredBytes += bytes.length;
      if (gatheredBytes >= RELAY_CHUNK_BYTES) {
        yield Buffer.concat(gathered);
        gathered = [];
        gatheredBytes = 0;
      }
    }
    if (gatheredBytes) yield Buffer.concat(gathered);
    await client.query("COMMIT");
    finished = true;
  } finally {
    if (finished) await client.end();
    else socket.destroy();
  }
}

function reportFailure(error: unknown) {
  console.error("ratings export failed:", error);
}

/** Pull-based: the next chunk is read from PostgreSQL only when the client has taken the last. */
function webStream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  // A cancel can arrive while a pull waits for its chunk; that chunk then has nowhere to go.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await chunks.next();
      } catch (error) {
        if (!cancelled) {
          reportFailure(error);
          controller.error(error);
        }
        return;
      }
      if (cancelled) return;
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      cancelled = true;
      await chunks.return(undefined);
    },
  });
}

export async function streamRatingsExport(format: ExportFormat, query: ExportQuery): Promise<RatingsExport> {
  const plan = planOf(format, query);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
  const scope = query.queue ? `queue-${query.queue.slice(0, 8)}` : "all";
  return {
    stream: webStream(exportChunks(plan)),
    filename: `ratings-${scope}-${query.layout}-${stamp}Z.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
  };
}
