// Watches a CSV file's bytes on their way to COPY and records what the CSV importer records
// (../mimic-iv/read-mimic-iv.ts): the pandas column types of every million-row chunk, as
// concept rows of COLUMN_TYPES_SYSTEM. The EHR-R1 serializer prints each value as pandas read
// it, so a table loaded by COPY needs them as much as an imported one.
//
// It parses only what the trackers need: record and field boundaries (a quote toggles
// "inside quotes", so `""` needs no look-ahead), and a field's text only while its column's
// dtype can still change: once a column is "object" in a chunk it stays "object", so the
// dates and text columns are decoded on the first row of a chunk and skipped after. Bytes
// pass through unchanged. Measured against a text staging copy with the types computed in
// SQL: see README.md here.
import { Transform, type TransformCallback } from "node:stream";
import type { ConceptRecord } from "../import-record";
import { DtypeTracker, PANDAS_CHUNK_ROWS } from "../../model/prompt/pandas-values";
import { columnTypesRecord } from "../mimic-iv/column-types";

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** How many recent records remember their first line: COPY reports the record it failed on. */
const LINE_RING = 1 << 20;

export class DtypeTee extends Transform {
  /** The file's header as written (the concept rows key the dtypes by it). */
  header: string[] | undefined;
  /** Data rows seen (blank lines are not rows, as for csv-parse and pandas). */
  rows = 0;
  /** Physical lines started so far (1-based line of the byte being read). */
  line = 1;
  readonly concepts: ConceptRecord[] = [];

  private trackers: DtypeTracker[] = [];
  private settled: boolean[] = [];
  /** Per column, the kinds (Kind bits) already given to its tracker in this chunk. */
  private fed: number[] = [];
  private chunk = 0;
  private chunkStart = 0;
  private inQuotes = false;
  private col = 0;
  private fields: string[] = [];
  private carry: Buffer | undefined;
  private recordStartLine = 1;
  private records = 0;
  private readonly lines = new Int32Array(LINE_RING);

  constructor(private readonly table: string) {
    super();
  }

  /**
   * The line a record starts on, by COPY's count (1 = the header): COPY counts records, which
   * are lines unless a quoted field spans lines (notes). Undefined when too far back.
   */
  lineOfRecord(copyLine: number): number | undefined {
    const index = copyLine - 1;
    if (index < 0 || index >= this.records || this.records - index > LINE_RING) return undefined;
    return this.lines[index % LINE_RING];
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.scan(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.carry !== undefined || this.col > 0)
      this.endRecord(this.carry ?? Buffer.alloc(0), 0, this.carry?.length ?? 0);
    this.carry = undefined;
    if (this.header) this.concepts.push(columnTypesRecord(this.table, this.chunk, this.header, this.trackers));
    callback();
  }

  private scan(buf: Buffer): void {
    let start = 0;
    const length = buf.length;
    let inQuotes = this.inQuotes;
    for (let i = 0; i < length; i++) {
      const c = buf[i];
      if (c === QUOTE) {
        inQuotes = !inQuotes;
      } else if (c === LF) {
        this.line++;
        if (!inQuotes) {
          const field = this.joined(buf, start, i);
          this.endRecord(field.buf, field.start, field.end);
          start = i + 1;
        }
      } else if (c === COMMA && !inQuotes) {
        const field = this.joined(buf, start, i);
        this.endField(field.buf, field.start, field.end);
        start = i + 1;
      }
    }
    this.inQuotes = inQuotes;
    if (start < length) {
      const rest = buf.subarray(start);
      this.carry = this.carry ? Buffer.concat([this.carry, rest]) : Buffer.from(rest);
    }
  }

  /** The field ending at `end`, with the part carried over from the previous chunk if any. */
  private joined(buf: Buffer, start: number, end: number): { buf: Buffer; start: number; end: number } {
    if (this.carry === undefined) return { buf, start, end };
    const whole = Buffer.concat([this.carry, buf.subarray(start, end)]);
    this.carry = undefined;
    return { buf: whole, start: 0, end: whole.length };
  }

  private endField(buf: Buffer, start: number, end: number): void {
    const col = this.col++;
    if (this.header === undefined) {
      this.fields.push(fieldText(buf, start, end));
      return;
    }
    // The first field of a chunk's first row: the previous chunk is complete.
    if (col === 0 && this.rows > 0 && this.rows % PANDAS_CHUNK_ROWS === 0 && this.chunkStart !== this.rows) {
      this.concepts.push(columnTypesRecord(this.table, this.chunk, this.header, this.trackers));
      this.chunk++;
      this.chunkStart = this.rows;
      this.resetTrackers();
    }
    if (col >= this.trackers.length || this.settled[col]) return;
    const tracker = this.trackers[col];
    const kind = classify(buf, start, end);
    if (kind === Kind.Other) {
      tracker.add(fieldText(buf, start, end));
      if (tracker.dtype() === "object") this.settled[col] = true;
    } else if ((this.fed[col] & kind) === 0) {
      // A tracker only remembers which kinds it has seen: one example of each is enough.
      this.fed[col] |= kind;
      tracker.add(EXAMPLE[kind]);
    }
  }

  private endRecord(buf: Buffer, start: number, end: number): void {
    // A CRLF file: the CR belongs to the line break, not to the last field.
    if (end > start && buf[end - 1] === CR) end--;
    const blank = this.col === 0 && end === start;
    if (blank) {
      this.recordStartLine = this.line;
      return;
    }
    if (this.header !== undefined) {
      this.endField(buf, start, end);
      // A short row: pandas fills the missing fields with NaN; the importer adds them as missing.
      for (let col = this.col; col < this.trackers.length; col++) {
        if (!this.settled[col]) this.trackers[col].add(undefined);
      }
      this.rows++;
    } else {
      this.endField(buf, start, end);
      this.fields[0] = this.fields[0].replace(/^\uFEFF/, "");
      this.header = this.fields;
      this.resetTrackers();
    }
    this.lines[this.records % LINE_RING] = this.recordStartLine;
    this.records++;
    this.recordStartLine = this.line;
    this.col = 0;
  }

  private resetTrackers(): void {
    this.trackers = this.header!.map(() => new DtypeTracker());
    this.settled = this.header!.map(() => false);
    this.fed = this.header!.map(() => 0);
  }
}

/**
 * What DtypeTracker would make of a field, read from its bytes for the common cases (empty,
 * an integer, a decimal number, in ASCII) so no string is made for them; anything else
 * (quoted, non-ASCII, text, a boolean, pandas' other missing-value words) is Other and goes to
 * the tracker as text. The tests compare the outcome with the CSV importer's on real files.
 */
const enum Kind {
  Other = 0,
  Missing = 1,
  Int = 2,
  Float = 4,
}

/** A value of each kind, as the tracker reads it. */
const EXAMPLE: Record<number, string> = { [Kind.Missing]: "", [Kind.Int]: "0", [Kind.Float]: "0.5" };

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
// JavaScript's \s among ASCII: space, tab, LF, VT, FF, CR.
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
// pandas reads at most 18 digits as int64; longer integers are floats (DtypeTracker's INT64_DIGITS).
const INT64_DIGITS = 18;

function classify(buf: Buffer, start: number, end: number): Kind {
  if (start === end) return Kind.Missing;
  let i = start;
  let j = end;
  while (i < j && isSpace(buf[i])) i++;
  while (j > i && isSpace(buf[j - 1])) j--;
  if (i === j) return Kind.Other;
  if (buf[i] === 0x2b || buf[i] === 0x2d) i++;
  let digits = 0;
  while (i < j && isDigit(buf[i])) {
    i++;
    digits++;
  }
  if (i === j) {
    if (digits === 0) return Kind.Other;
    return digits <= INT64_DIGITS ? Kind.Int : Kind.Float;
  }
  let fraction = 0;
  if (buf[i] === 0x2e) {
    i++;
    while (i < j && isDigit(buf[i])) {
      i++;
      fraction++;
    }
  }
  if (digits === 0 && fraction === 0) return Kind.Other;
  if (i < j && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    if (i < j && (buf[i] === 0x2b || buf[i] === 0x2d)) i++;
    let exponent = 0;
    while (i < j && isDigit(buf[i])) {
      i++;
      exponent++;
    }
    if (exponent === 0) return Kind.Other;
  }
  return i === j ? Kind.Float : Kind.Other;
}

/** A field's value as csv-parse gives it: outer quotes removed, `""` as `"`. */
function fieldText(buf: Buffer, start: number, end: number): string {
  if (end > start && buf[start] === QUOTE) {
    const inner = buf.toString("utf8", start + 1, end > start + 1 && buf[end - 1] === QUOTE ? end - 1 : end);
    return inner.includes('"') ? inner.replaceAll('""', '"') : inner;
  }
  return buf.toString("utf8", start, end);
}
