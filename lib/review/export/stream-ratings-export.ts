// GET /api/export/ratings.csv|.jsonl as a stream: rows are pulled from the database page by
// page only as fast as the client reads (csv-stringify and the web stream apply
// backpressure), so a million-row export runs in constant memory. A failure mid-way errors
// the stream, so the download is visibly incomplete rather than silently short.
import { Readable, Transform, pipeline } from "node:stream";
import { stringify } from "csv-stringify";
import { ITEM_COLUMNS, TIDY_COLUMNS, neutralizeCell, type Cell } from "./export-columns";
import { tidyRows, wideRaterColumns, wideRows, type RowOptions } from "./export-rating-rows";
import type { ExportQuery } from "./export-ratings.types";
import { pseudonymizer } from "./pseudonymize";

export type ExportFormat = "csv" | "jsonl";

export type RatingsExport = { stream: ReadableStream<Uint8Array>; filename: string; contentType: string };

function rowOptions(query: ExportQuery): RowOptions {
  const salt = query.salt ?? crypto.randomUUID();
  return {
    queueId: query.queue,
    includeDrafts: query.include === "all",
    raterId: query.pseudonymize ? pseudonymizer(salt) : (userId) => userId,
  };
}

/** Every cell of a record, neutralised for spreadsheets, in the column order given. */
function csvRecords(columns: readonly string[]) {
  return new Transform({
    objectMode: true,
    transform(row: Record<string, Cell>, _encoding, done) {
      done(
        null,
        columns.map((column) => neutralizeCell(row[column] ?? null)),
      );
    },
  });
}

function reportFailure(error: NodeJS.ErrnoException | null) {
  // A client closing the download early is not a failure worth a log line.
  if (error && error.code !== "ERR_STREAM_PREMATURE_CLOSE") console.error("ratings export failed:", error);
}

/** JSON Lines: one object per line, missing values as null, no spreadsheet escaping (not a spreadsheet format). */
function jsonLines(columns: readonly string[]) {
  return new Transform({
    writableObjectMode: true,
    transform(row: Record<string, Cell>, _encoding, done) {
      const ordered = Object.fromEntries(columns.map((column) => [column, row[column] ?? null]));
      done(null, `${JSON.stringify(ordered)}\n`);
    },
  });
}

export async function streamRatingsExport(format: ExportFormat, query: ExportQuery): Promise<RatingsExport> {
  const options = rowOptions(query);
  const isWide = query.layout === "wide";
  const raterColumns = isWide ? await wideRaterColumns(options) : [];
  const columns: string[] = isWide ? [...ITEM_COLUMNS, ...raterColumns] : [...TIDY_COLUMNS];
  const rows = Readable.from(isWide ? wideRows(options) : tidyRows(options));
  const encoder = format === "csv" ? stringify({ header: true, columns, bom: false }) : jsonLines(columns);
  // pipeline, not pipe: an error anywhere (or the client going away) ends every stage, so
  // the database paging stops and the response errors instead of hanging.
  const output =
    format === "csv"
      ? pipeline(rows, csvRecords(columns), encoder, reportFailure)
      : pipeline(rows, encoder, reportFailure);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
  const scope = query.queue ? `queue-${query.queue.slice(0, 8)}` : "all";
  return {
    stream: Readable.toWeb(output) as ReadableStream<Uint8Array>,
    filename: `ratings-${scope}-${query.layout}-${stamp}Z.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
  };
}
