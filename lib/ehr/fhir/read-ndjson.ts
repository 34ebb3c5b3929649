// Bulk-export NDJSON (one resource per line), plain or gzip: streamed line by line with
// readline, so a file of any size is read in constant memory.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { Transform, type TransformCallback } from "node:stream";
import { createGunzip } from "node:zlib";
import { type ImportRecord, ImportError, type ReadContext } from "../import-record";
import type { InputFile } from "./inputs";
import type { ImportState } from "./map-context";
import { assertFhirResource, mapResource } from "./map-resource";
import { bundleRecords } from "./read-bundle";
import { parseJsonLine } from "./json-text";

const PROGRESS_EVERY_LINES = 1000;

/**
 * Longest line accepted when ReadContext.maxRecordBytes is unset. Larger than a CSV row's limit:
 * a FHIR resource may carry a base64 attachment inline.
 */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

export async function* readNdjson(
  file: InputFile,
  state: ImportState,
  context: ReadContext,
  /** Bytes of this file read so far (compressed bytes for .gz). */
  onProgress: (bytesRead: number) => void,
): AsyncGenerator<ImportRecord> {
  const raw = createReadStream(file.path);
  const decoded = file.gzip ? raw.pipe(createGunzip()) : raw;
  if (decoded !== raw) raw.on("error", (error) => decoded.destroy(error));
  // readline holds a line in memory until its newline: bound it before readline sees it.
  const guard = new LineLengthGuard(context.maxRecordBytes ?? DEFAULT_MAX_LINE_BYTES, file.path);
  decoded.on("error", (error: Error) => guard.destroy(error));
  const lines = createInterface({ input: decoded.pipe(guard), crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const rawLine of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, "") : rawLine;
      if (!line.trim()) continue;
      const json = parseJsonLine(line, file.path, lineNumber);
      assertFhirResource(json, file.path, lineNumber);
      if (json.resourceType === "Bundle") {
        const at = lineNumber;
        yield* bundleRecords(json, file.path, () => at, state, context);
      } else {
        yield* mapResource(json, { file: file.path, line: lineNumber, bundle: null }, state, context);
      }
      if (lineNumber % PROGRESS_EVERY_LINES === 0) onProgress(raw.bytesRead);
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    // A stream error: unreadable file, corrupt or truncated gzip.
    const reason = file.gzip && isZlibError(error) ? "not valid gzip" : "cannot read";
    throw new ImportError(`${reason}: ${(error as Error).message}`, file.path, lineNumber + 1);
  } finally {
    lines.close();
    for (const stream of [guard, decoded, raw]) stream.destroy();
  }
  onProgress(raw.bytesRead);
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? "";
  return code.startsWith("Z_") || code === "ERR_ZLIB_BINDING_CLOSED";
}

/** Passes bytes through unchanged; fails (ImportError naming the line) on a line over the limit. */
class LineLengthGuard extends Transform {
  private line = 1;
  private run = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly file: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let start = 0;
    for (let newline = chunk.indexOf(10); newline >= 0; newline = chunk.indexOf(10, start)) {
      if (this.run + newline - start > this.maxBytes) return callback(this.tooLong());
      this.run = 0;
      this.line++;
      start = newline + 1;
    }
    this.run += chunk.length - start;
    if (this.run > this.maxBytes) return callback(this.tooLong());
    callback(null, chunk);
  }

  private tooLong(): ImportError {
    return new ImportError(
      `line longer than the ${this.maxBytes}-byte limit (a runaway line, or raise the record size limit)`,
      this.file,
      this.line,
    );
  }
}
