// PostgreSQL's binary COPY output of a one-column text query → the column's values, one per
// line. The export builds JSON Lines and wide CSV lines in SQL; binary COPY hands them over
// length-prefixed and unescaped, whatever characters they hold (text COPY would escape
// backslashes and CSV COPY would quote the line). Format: an 11-byte signature, a flags
// word, a header extension of the length given, then per row a field count (-1 ends the
// data) and per field a length and the bytes.
const HEADER_FIXED_BYTES = 19;
const NEWLINE = Buffer.from("\n");

export class CopyLineDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private inHeader = true;

  /** The complete lines in what has arrived so far; a row split across chunks waits for the rest. */
  decode(chunk: Buffer): Buffer {
    const buffer = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    if (this.inHeader) {
      if (buffer.length < HEADER_FIXED_BYTES) return this.keep(buffer, 0);
      const headerBytes = HEADER_FIXED_BYTES + buffer.readUInt32BE(15);
      if (buffer.length < headerBytes) return this.keep(buffer, 0);
      offset = headerBytes;
      this.inHeader = false;
    }
    const lines: Buffer[] = [];
    while (buffer.length - offset >= 2) {
      const fields = buffer.readInt16BE(offset);
      if (fields === -1) {
        offset += 2;
        continue;
      }
      if (fields !== 1) throw new Error(`export: expected one column per COPY row, got ${fields}`);
      if (buffer.length - offset < 6) break;
      const length = buffer.readInt32BE(offset + 2);
      if (length < 0) throw new Error("export: a COPY line was NULL");
      if (buffer.length - offset < 6 + length) break;
      lines.push(buffer.subarray(offset + 6, offset + 6 + length), NEWLINE);
      offset += 6 + length;
    }
    return this.keep(buffer, offset, lines);
  }

  private keep(buffer: Buffer, offset: number, lines: Buffer[] = []): Buffer {
    // A copy, so a small remainder does not pin the whole chunk in memory.
    this.pending = Buffer.from(buffer.subarray(offset));
    return Buffer.concat(lines);
  }
}
