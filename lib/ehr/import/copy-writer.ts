// Streams records into the staging tables with COPY FROM STDIN on the import's one
// connection. Lines are batched per table (a connection runs one COPY at a time, and records
// of different kinds arrive interleaved); while one batch is being copied the reader keeps
// parsing the next, and it waits only when a second batch is full: memory stays at a few
// batches however large the input.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { ImportRecord } from "../import-record";
import { copySql, STAGES, stagingLine } from "./staging";

type Batch = { lines: string[]; chars: number };

export class CopyWriter {
  private readonly batches = new Map<ImportRecord["kind"], Batch>();
  private inflight: Promise<void> = Promise.resolve();
  private seq = 0;
  readonly counts: Record<ImportRecord["kind"], number> = { concept: 0, patient: 0, encounter: 0, event: 0 };

  constructor(
    private readonly client: pg.ClientBase,
    private readonly batchChars = 2 * 1024 * 1024,
  ) {}

  /** Queues a record. Returns a promise only when the caller must wait (a batch is full). */
  add(record: ImportRecord): Promise<void> | undefined {
    const line = stagingLine(record, ++this.seq);
    this.counts[record.kind]++;
    let batch = this.batches.get(record.kind);
    if (!batch) {
      batch = { lines: [], chars: 0 };
      this.batches.set(record.kind, batch);
    }
    batch.lines.push(line);
    batch.chars += line.length;
    return batch.chars >= this.batchChars ? this.flush(record.kind) : undefined;
  }

  /** Copies every queued line; resolves once all COPYs have completed. */
  async finish(): Promise<void> {
    for (const kind of this.batches.keys()) void this.flush(kind);
    await this.inflight;
  }

  /** Starts copying a batch after the one in flight; resolves when the earlier one is done. */
  private flush(kind: ImportRecord["kind"]): Promise<void> {
    const batch = this.batches.get(kind);
    if (!batch || batch.lines.length === 0) return this.inflight;
    this.batches.delete(kind);
    const previous = this.inflight;
    const next = previous.then(() => this.copy(kind, batch.lines));
    // Observed by whoever awaits the next flush or finish(); never an unhandled rejection.
    next.catch(() => {});
    this.inflight = next;
    return previous;
  }

  private async copy(kind: ImportRecord["kind"], lines: string[]): Promise<void> {
    const stream = this.client.query(copyFrom(copySql(STAGES[kind])));
    await pipeline(Readable.from([lines.join("")], { objectMode: false }), stream);
  }
}
