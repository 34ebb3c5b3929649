// Streams one CSV or CSV.GZ file as records of strings with the line each starts on.
// Nothing is loaded whole: the file flows through gunzip, a UTF-8 check and csv-parse with
// backpressure. Handles a UTF-8 BOM, CRLF and quoted fields spanning lines. Every failure
// that makes the rest of the file unreadable becomes an ImportError naming file and line.
import { createReadStream } from "node:fs";
import { pipeline, Transform } from "node:stream";
import { createGunzip } from "node:zlib";
import { CsvError, parse } from "csv-parse";
import { ImportError } from "../import-record";
import { NotUtf8Error, utf8Validator } from "./utf8";

export type CsvRecord = { fields: string[]; line: number };

export type CsvOptions = {
  /** Fails the import on a record longer than this (a broken quote would swallow the file). */
  maxRecordBytes: number;
  /** Called with each chunk's size as it is read from disk (compressed bytes for .gz). */
  onBytes?: (bytes: number) => void;
};

/** 16 MiB: the longest MIMIC-IV note is far shorter; a longer row means a broken file. */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** Line breaks inside a record's quoted fields ("\r\n" counts once, as in the file). */
function breaksIn(fields: string[]): number {
  let count = 0;
  for (const field of fields) {
    for (let at = field.indexOf("\n"); at !== -1; at = field.indexOf("\n", at + 1)) count++;
    for (let at = field.indexOf("\r"); at !== -1; at = field.indexOf("\r", at + 1)) {
      if (field[at + 1] !== "\n") count++;
    }
  }
  return count;
}

function toImportError(error: unknown, file: string, line: number, options: CsvOptions): ImportError {
  if (error instanceof ImportError) return error;
  if (error instanceof NotUtf8Error) return new ImportError(error.message, file, error.line);
  if (error instanceof CsvError) {
    switch (error.code) {
      case "CSV_MAX_RECORD_SIZE":
        return new ImportError(
          `row longer than the ${options.maxRecordBytes}-byte limit (a broken quote or a runaway line)`,
          file,
          line,
        );
      case "CSV_QUOTE_NOT_CLOSED":
        return new ImportError("a quoted field opened here is never closed", file, line);
      default:
        return new ImportError(`malformed CSV: ${error.message}`, file, line);
    }
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code?.startsWith("Z_")) {
    return new ImportError(`corrupt or truncated gzip after line ${line - 1} (${message})`, file);
  }
  return new ImportError(`cannot read: ${message}`, file);
}

/**
 * Records of `path` in order, the header first (line 1). Empty lines are skipped. Rows of the
 * wrong length are yielded as they are: whether that is fatal is the caller's decision.
 */
export async function* readCsv(path: string, file: string, options: CsvOptions): AsyncGenerator<CsvRecord> {
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  if (options.onBytes) source.on("data", (chunk) => options.onBytes!(chunk.length));
  // The line each record starts on, counted as records leave the parser (csv-parse's own
  // count takes a CRLF inside quotes as two lines). Empty lines are counted and dropped.
  let next = 1;
  const parser = parse({ bom: true, relax_column_count: true, max_record_size: options.maxRecordBytes });
  const numbered = new Transform({
    objectMode: true,
    transform(fields: string[], _encoding, callback) {
      const line = next;
      next += 1 + breaksIn(fields);
      callback(null, fields.length === 1 && fields[0] === "" ? undefined : { fields, line });
    },
  });
  const stages = path.endsWith(".gz") ? [createGunzip(), utf8Validator()] : [utf8Validator()];
  // An error in any stage destroys the last one with that error, which ends the loop below.
  pipeline([source, ...stages, parser, numbered], () => {});
  try {
    yield* numbered as AsyncIterable<CsvRecord>;
  } catch (error) {
    // Records parsed before the error may never reach this loop; `next`, counted as records
    // left the parser, is where the failing record starts.
    throw toImportError(error, file, next, options);
  } finally {
    numbered.destroy();
  }
}
