// Writes a CSV.GZ file the way MIMIC-IV's are written: a header row, comma-separated values,
// fields quoted only when they hold a comma, quote or line break, missing values empty.
// Streams with backpressure, so a million-row file never sits in memory.
import { once } from "node:events";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip, type Gzip } from "node:zlib";

export type CsvValue = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export class CsvGzWriter {
  private chunk = "";
  private readonly done: Promise<void>;
  rows = 0;

  private constructor(
    private readonly gzip: Gzip,
    output: NodeJS.WritableStream,
  ) {
    this.done = pipeline(gzip, output);
  }

  /** Creates `file` (and its folder) and writes the header. */
  static open(file: string, header: readonly string[], level = 6): CsvGzWriter {
    mkdirSync(path.dirname(file), { recursive: true });
    const writer = new CsvGzWriter(createGzip({ level }), createWriteStream(file));
    writer.chunk = header.join(",") + "\n";
    return writer;
  }

  /** Adds a row; returns a promise to await only when the stream asks to slow down. */
  write(values: readonly CsvValue[]): Promise<unknown> | undefined {
    this.rows++;
    this.chunk += values.map(field).join(",") + "\n";
    if (this.chunk.length < 64 * 1024) return undefined;
    const full = this.gzip.write(this.chunk);
    this.chunk = "";
    return full ? undefined : once(this.gzip, "drain");
  }

  async close(): Promise<void> {
    this.gzip.end(this.chunk);
    this.chunk = "";
    await this.done;
  }
}
