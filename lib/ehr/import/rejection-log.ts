// Rejected rows: every one is counted, the first `cap` are kept with file, line and reason
// (a file with a million bad rows must not fill memory or the import_job row).
import type { Rejection } from "../import-record";

export class RejectionLog {
  readonly listed: Rejection[] = [];
  total = 0;

  constructor(readonly cap = 1000) {}

  add(rejection: Rejection): void {
    this.total++;
    if (this.listed.length < this.cap) this.listed.push(rejection);
  }

  /** Counts rejections that were not listed because the list is full. */
  count(unlisted: number): void {
    this.total += unlisted;
  }

  /** How many more rejections would still be listed. */
  room(): number {
    return this.cap - this.listed.length;
  }
}
