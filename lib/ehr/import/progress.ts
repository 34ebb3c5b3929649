// Progress of an import for a bar or a log line: rows read, bytes of input consumed, rate and
// an ETA from the byte fraction (the row total is unknown until the end; bytes are known).
export type ImportPhase = "reading" | "writing" | "done";

export type ImportProgress = {
  phase: ImportPhase;
  rows: number;
  bytesRead: number;
  bytesTotal: number;
  rowsPerSecond: number;
  /** Seconds of reading left, once enough is read to guess; null while unknown or writing. */
  etaSeconds: number | null;
};

export class ProgressMeter {
  private readonly startedAt = performance.now();
  private lastEmit = 0;
  private phase: ImportPhase = "reading";
  private rows = 0;
  private bytesRead = 0;
  private bytesTotal = 0;

  constructor(
    private readonly onProgress: ((progress: ImportProgress) => void) | undefined,
    private readonly intervalMs = 250,
  ) {}

  bytes(read: number, total: number): void {
    this.bytesRead = read;
    this.bytesTotal = total;
  }

  /** Records the row count; reports at most every intervalMs. */
  update(rows: number): void {
    this.rows = rows;
    if (!this.onProgress) return;
    const now = performance.now();
    if (now - this.lastEmit < this.intervalMs) return;
    this.lastEmit = now;
    this.onProgress(this.snapshot());
  }

  /** Reports a new phase at once. */
  enter(phase: ImportPhase): void {
    this.phase = phase;
    this.lastEmit = performance.now();
    this.onProgress?.(this.snapshot());
  }

  snapshot(): ImportProgress {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const fraction = this.bytesTotal > 0 ? this.bytesRead / this.bytesTotal : 0;
    const eta =
      this.phase === "reading" && fraction > 0.01 && seconds > 0.5 ? (seconds * (1 - fraction)) / fraction : null;
    return {
      phase: this.phase,
      rows: this.rows,
      bytesRead: this.bytesRead,
      bytesTotal: this.bytesTotal,
      rowsPerSecond: seconds > 0 ? Math.round(this.rows / seconds) : 0,
      etaSeconds: eta === null ? null : Math.max(0, Math.round(eta)),
    };
  }
}
