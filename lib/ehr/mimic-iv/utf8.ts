// A pass-through stream that fails on the first byte that is not UTF-8, naming its line.
// MIMIC-IV is published as UTF-8; anything else (a Latin-1 re-export, a binary file with a
// .csv name) would otherwise be decoded into U+FFFD and land silently corrupted.
import { isUtf8 } from "node:buffer";
import { Transform } from "node:stream";

export class NotUtf8Error extends Error {
  constructor(
    readonly line: number,
    readonly byte: number,
  ) {
    super(
      `not UTF-8: byte 0x${byte.toString(16).padStart(2, "0")} on line ${line} is not valid UTF-8; convert the file to UTF-8`,
    );
  }
}

const NEWLINE = 0x0a;

function countNewlines(bytes: Uint8Array, end: number): number {
  let count = 0;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  for (let at = buffer.indexOf(NEWLINE); at !== -1; at = buffer.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Length of `bytes` without a trailing, incomplete multi-byte sequence (kept for the next chunk). */
function completeLength(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    if ((bytes[i] & 0xc0) !== 0x80) {
      const length = sequenceLength(bytes[i]);
      return length > 0 && i + length > bytes.length ? i : bytes.length;
    }
  }
  return bytes.length;
}

/** Offset of the first invalid byte (only called once isUtf8 has said there is one). */
function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i]);
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong 3/4-byte forms, UTF-16 surrogates and code points past U+10FFFF.
    const second = bytes[i + 1];
    if (bytes[i] === 0xe0 && second < 0xa0) return i;
    if (bytes[i] === 0xed && second > 0x9f) return i;
    if (bytes[i] === 0xf0 && second < 0x90) return i;
    if (bytes[i] === 0xf4 && second > 0x8f) return i;
    i += length;
  }
  return bytes.length;
}

export function utf8Validator(): Transform {
  let carry: Buffer | undefined;
  let newlines = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const data = carry ? Buffer.concat([carry, chunk]) : chunk;
      const end = completeLength(data);
      const body = data.subarray(0, end);
      if (!isUtf8(body)) {
        const offset = firstInvalid(body);
        callback(new NotUtf8Error(newlines + countNewlines(body, offset) + 1, body[offset]));
        return;
      }
      newlines += countNewlines(body, end);
      carry = end < data.length ? Buffer.from(data.subarray(end)) : undefined;
      callback(null, chunk);
    },
    flush(callback) {
      // The file ends inside a multi-byte sequence: its first byte is the culprit.
      callback(carry ? new NotUtf8Error(newlines + 1, carry[0]) : null);
    },
  });
}
