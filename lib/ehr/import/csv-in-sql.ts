// Stages a large CSV table without parsing it in JavaScript: the (gunzipped) bytes go as they
// are into a temporary table of text columns by COPY ... (FORMAT csv), PostgreSQL numbers the
// rows in file order (an identity column), and one INSERT ... SELECT (../mimic-iv/sql-tables.ts)
// checks and maps them into stage_event, with their seq and file:line. Rows it refuses are
// reported as file:line with the same reasons as the JavaScript reader.
//
// A row's line is its physical line: the header is line 1 and row n is line n + 1. That holds
// only when no record spans lines and no line is empty, which the byte scan below proves (line
// feeds = rows + 1, no lone carriage return). Everything this way cannot do exactly as the
// JavaScript reader would hands the file back to it (`false`), under a savepoint so nothing of
// the attempt stays: a quoted line break, an empty line, a row of the wrong length, a malformed
// quote, bad UTF-8 or a NUL (COPY refuses the file), an over-long line, a quoted or odd header,
// a value SQL cannot judge (DEFER). The JavaScript reader then reads the file from the start
// and reports what is wrong exactly as before.
import { createReadStream } from "node:fs";
import { pipeline as pipelineCallback, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { DEFER, literal, type SqlTable } from "../mimic-iv/sql-tables";
import { copyText } from "./copy-format";
import type { CopyWriter } from "./copy-writer";
import type { RejectionLog } from "./rejection-log";
import { STAGES } from "./staging";

export type CsvInSqlRequest = {
  path: string;
  /** How rejections name the file. */
  display: string;
  required: readonly string[];
  maxRecordBytes: number;
  table: SqlTable;
  /** Compressed bytes read from disk, for progress. */
  onBytes: (bytes: number) => void;
};

export type CsvInSqlHooks = {
  client: pg.Client;
  writer: CopyWriter;
  log: RejectionLog;
  patients?: ReadonlySet<string>;
  skip: (what: string, count: number) => void;
  /** Lines of this file copied so far, for progress. */
  onLines: (lines: number) => void;
};

const LF = 0x0a;
const CR = 0x0d;

/** What the byte scan saw: enough to prove rows and lines correspond one to one. */
class LineScan {
  lineFeeds = 0;
  loneCarriageReturns = 0;
  longestLine = 0;
  private lineLength = 0;
  private pendingCr = false;
  lastByte = -1;

  add(chunk: Buffer): void {
    let start = 0;
    if (this.pendingCr && chunk[0] !== LF) this.loneCarriageReturns++;
    this.pendingCr = false;
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) {
      this.lineFeeds++;
      this.longestLine = Math.max(this.longestLine, this.lineLength + at - start);
      this.lineLength = 0;
      start = at + 1;
    }
    this.lineLength += chunk.length - start;
    this.longestLine = Math.max(this.longestLine, this.lineLength);
    for (let at = chunk.indexOf(CR); at !== -1; at = chunk.indexOf(CR, at + 1)) {
      if (at === chunk.length - 1) this.pendingCr = true;
      else if (chunk[at + 1] !== LF) this.loneCarriageReturns++;
    }
    if (chunk.length > 0) this.lastByte = chunk[chunk.length - 1];
  }

  /** True when every line holds exactly one record: the header, then `rows` rows. */
  matches(rows: number): boolean {
    if (this.pendingCr || this.loneCarriageReturns > 0) return false;
    return this.lineFeeds === rows + 1 || (this.lineFeeds === rows && this.lastByte !== LF);
  }
}

/** The header line's names, or undefined when it is not plain (quotes, empty, repeated names). */
function plainHeader(line: Buffer): string[] | undefined {
  let text = line.toString("utf8");
  if (text.startsWith("\ufeff")) text = text.slice(1);
  if (text.endsWith("\r")) text = text.slice(0, -1);
  if (text === "" || /["\r\0\ufffd]/.test(text)) return undefined;
  const names = text.split(",");
  return new Set(names).size === names.length ? names : undefined;
}

class Unsuitable extends Error {}

/** The file's bytes, decompressed; the header split off first. */
async function openCsv(request: CsvInSqlRequest) {
  const source = createReadStream(request.path, { highWaterMark: 256 * 1024 });
  source.on("data", (chunk) => request.onBytes(chunk.length));
  const bytes = request.path.endsWith(".gz") ? pipelineCallback(source, createGunzip(), () => {}) : source;
  const chunks = bytes[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const buffered: Buffer[] = [];
  let headerEnd = -1;
  let size = 0;
  while (headerEnd === -1) {
    const next = await chunks.next();
    if (next.done) break;
    headerEnd = next.value.indexOf(LF);
    if (headerEnd !== -1) headerEnd += size;
    buffered.push(next.value);
    size += next.value.length;
    if (size > request.maxRecordBytes) break;
  }
  const head = Buffer.concat(buffered);
  const header = headerEnd === -1 ? undefined : plainHeader(head.subarray(0, headerEnd));
  const close = () => source.destroy();
  return { header, head, chunks, close };
}

/**
 * Stages the file's rows into stage_event, reports its rejections and returns how many rows it
 * staged; undefined (nothing staged, nothing reported) when the file must be read by the
 * JavaScript reader instead.
 */
export async function stageCsvInSql(request: CsvInSqlRequest, hooks: CsvInSqlHooks): Promise<number | undefined> {
  const { client, writer } = hooks;
  const csv = await openCsv(request);
  const header = csv.header;
  if (!header || request.required.some((name) => !header.includes(name))) {
    csv.close();
    return undefined;
  }
  // The connection is ours alone from here: queued JavaScript-path rows go first.
  await writer.drain();
  await client.query("SAVEPOINT csv_in_sql");
  try {
    const staged = await copyAndMap(request, hooks, header, csv);
    await client.query("RELEASE SAVEPOINT csv_in_sql");
    return staged;
  } catch (error) {
    csv.close();
    await client.query("ROLLBACK TO SAVEPOINT csv_in_sql");
    await client.query("RELEASE SAVEPOINT csv_in_sql");
    // Anything PostgreSQL refused in the file is the JavaScript reader's to report.
    if (error instanceof Unsuitable || isDataError(error)) return undefined;
    throw error;
  }
}

/** Errors about the file's content (and a read error, which the JavaScript reader reports). */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? "";
  return (
    code.startsWith("22") || code.startsWith("Z_") || code === "ENOENT" || code === "EISDIR" || code.startsWith("ERR_")
  );
}

async function copyAndMap(
  request: CsvInSqlRequest,
  hooks: CsvInSqlHooks,
  header: string[],
  csv: Awaited<ReturnType<typeof openCsv>>,
): Promise<number> {
  const { client, writer, log } = hooks;
  const columns = header.map((_, i) => `c${i}`);
  await client.query(
    `CREATE TEMP TABLE raw_csv (ord bigint GENERATED ALWAYS AS IDENTITY, ${columns.map((c) => `${c} text`).join(", ")}) ON COMMIT DROP`,
  );
  const scan = new LineScan();
  async function* body() {
    scan.add(csv.head);
    yield csv.head;
    for (let next = await csv.chunks.next(); !next.done; next = await csv.chunks.next()) {
      scan.add(next.value);
      hooks.onLines(scan.lineFeeds);
      yield next.value;
    }
  }
  const copy = client.query(
    copyFrom(
      `COPY raw_csv (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (${columns.join(", ")}))`,
    ),
  );
  await pipeline(Readable.from(body()), copy);
  const rows = copy.rowCount;
  if (!scan.matches(rows) || scan.longestLine > request.maxRecordBytes) throw new Unsuitable();

  for (const [name, entries] of Object.entries(request.table.lookups)) {
    await client.query(`CREATE TEMP TABLE lookup_${name} (code text PRIMARY KEY, label text NOT NULL) ON COMMIT DROP`);
    const lookup = client.query(copyFrom(`COPY lookup_${name} (code, label) FROM STDIN`));
    const lines = [...entries].map(([code, label]) => `${copyText(code)}\t${copyText(label)}\n`);
    await pipeline(Readable.from([lines.join("")]), lookup);
  }
  await client.query(`ANALYZE raw_csv`);

  const mapping = request.table.mapping(header, (name) => {
    const at = header.indexOf(name);
    return at === -1 ? undefined : `r.c${at}`;
  });
  const patients = hooks.patients ? [...hooks.patients] : undefined;
  // --patients: rows of other subjects are skipped before any check, as in the JavaScript reader.
  const selected = (param: number) => (patients ? `${mapping.subject} = ANY($${param}::text[])` : "true");
  const names = Object.keys(mapping.values) as (keyof typeof mapping.values)[];
  const stage = STAGES.event;
  // Casts in the values run for rows whose reason is NULL only; were one to fail anyway, the
  // file would go the JavaScript way (a data error), never land wrong.
  const inserted = await client.query(
    `INSERT INTO ${stage.name} (seq, origin_file, origin_line, ${names.map((name) => `"${name}"`).join(", ")})
     SELECT $1::bigint + r.ord, ${literal(request.display)}, r.ord + 1, ${names.map((name) => mapping.values[name]).join(", ")}
     FROM raw_csv r ${mapping.joins}
     WHERE ${selected(2)} AND (${mapping.reason}) IS NULL`,
    patients ? [writer.nextSeq() - 1, patients] : [writer.nextSeq() - 1],
  );
  const staged = inserted.rowCount ?? 0;
  const skipped = patients
    ? Number(
        (await client.query(`SELECT count(*) AS n FROM raw_csv r WHERE NOT (${selected(1)})`, [patients])).rows[0].n,
      )
    : 0;
  if (staged + skipped < rows) {
    const refused = `SELECT r.ord, ${mapping.reason} AS reason FROM raw_csv r ${mapping.joins} WHERE ${selected(1)}`;
    const totals = await client.query<{ deferred: string; rejected: string }>(
      `SELECT count(*) FILTER (WHERE reason = ${literal(DEFER)}) AS deferred, count(*) AS rejected
       FROM (${refused}) checked WHERE reason IS NOT NULL`,
      patients ? [patients] : [],
    );
    if (Number(totals.rows[0].deferred) > 0) throw new Unsuitable();
    const listed = await client.query<{ line: string; reason: string }>(
      `SELECT ord + 1 AS line, reason FROM (${refused}) checked WHERE reason IS NOT NULL ORDER BY ord LIMIT ${patients ? "$2" : "$1"}`,
      patients ? [patients, log.room()] : [log.room()],
    );
    for (const row of listed.rows) log.add({ file: request.display, line: Number(row.line), reason: row.reason });
    log.count(Number(totals.rows[0].rejected) - listed.rows.length);
  }
  writer.skipSeq(rows);
  if (skipped > 0) hooks.skip("rows of patients not selected", skipped);
  await client.query(
    `DROP TABLE raw_csv${Object.keys(request.table.lookups)
      .map((name) => `, lookup_${name}`)
      .join("")}`,
  );
  return staged;
}
