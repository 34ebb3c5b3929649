// One CSV row seen through its file's header: typed access by official column name, with
// the table's numeric and time columns checked up front so a bad value rejects the row.
import { createHash } from "node:crypto";
import { ImportError } from "../import-record";
import { isIdentifier, parseNumber } from "./parse-number";
import { parseMimicTime } from "./parse-time";

/** Why one row is refused; the reader reports it as file:line and goes on. */
export class RowError extends Error {}

export type ColumnTypes = {
  /** Columns that must hold numbers when not empty. */
  numeric?: readonly string[];
  /** Columns that must hold non-negative integers (identifiers) when not empty. */
  ids?: readonly string[];
  /** Columns that must hold MIMIC times or dates when not empty. */
  times?: readonly string[];
};

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

export class Row {
  fields: string[] = [];
  line = 0;
  /** 0-based data row in the file (pandas' row index: order and read_csv chunk). */
  rowIndex = 0;
  private readonly index = new Map<string, number>();
  private readonly numbers: (number | undefined)[];
  private readonly times: (Date | undefined)[];
  private readonly numericAt: number[];
  private readonly idAt: number[];
  private readonly timeAt: number[];

  /** Throws an ImportError naming the first required column the header lacks. */
  constructor(
    readonly file: string,
    readonly header: string[],
    required: readonly string[],
    types: ColumnTypes,
  ) {
    header.forEach((name, i) => {
      if (!this.index.has(name)) this.index.set(name, i);
    });
    const missing = required.filter((name) => !this.index.has(name));
    if (missing.length > 0) {
      throw new ImportError(
        `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (header: ${header.join(",")})`,
        file,
        1,
      );
    }
    const present = (names: readonly string[] = []) =>
      names.map((name) => this.index.get(name)).filter((i): i is number => i !== undefined);
    this.numericAt = present(types.numeric);
    this.idAt = present(types.ids);
    this.timeAt = present(types.times);
    this.numbers = new Array(header.length);
    this.times = new Array(header.length);
  }

  /** Takes the next record; throws RowError when its shape or a typed column is wrong. */
  load(fields: string[], line: number): void {
    this.fields = fields;
    this.line = line;
    if (fields.length !== this.header.length) {
      throw new RowError(`expected ${this.header.length} fields, found ${fields.length}`);
    }
    for (const i of this.idAt) {
      const text = fields[i];
      if (text !== "" && !isIdentifier(text))
        throw new RowError(`${this.header[i]} is not an identifier: ${quote(text)}`);
    }
    for (const i of this.numericAt) {
      const text = fields[i];
      const value = text === "" ? undefined : parseNumber(text);
      if (text !== "" && value === undefined) throw new RowError(`non-numeric ${this.header[i]}: ${quote(text)}`);
      this.numbers[i] = value;
    }
    for (const i of this.timeAt) {
      const text = fields[i];
      const value = text === "" ? undefined : parseMimicTime(text);
      if (text !== "" && value === undefined) {
        throw new RowError(`bad ${this.header[i]}: ${quote(text)} (expected YYYY-MM-DD HH:MM:SS)`);
      }
      this.times[i] = value;
    }
  }

  /** The value, or undefined when empty (MIMIC writes missing values as empty fields). */
  text(column: string): string | undefined {
    const i = this.index.get(column);
    const value = i === undefined ? "" : this.fields[i];
    return value === "" ? undefined : value;
  }

  required(column: string): string {
    const value = this.text(column);
    if (value === undefined) throw new RowError(`empty ${column}`);
    return value;
  }

  /** A column declared numeric: its value, parsed by load(). */
  number(column: string): number | undefined {
    const i = this.index.get(column);
    return i === undefined ? undefined : this.numbers[i];
  }

  /** A column declared a time: its value, parsed by load(). */
  time(column: string): Date | undefined {
    const i = this.index.get(column);
    return i === undefined ? undefined : this.times[i];
  }

  requiredTime(column: string): Date {
    const value = this.time(column);
    if (value === undefined) throw new RowError(`empty ${column}`);
    return value;
  }

  /** Every non-empty column by its official name, except subject_id (the patient) and `omit`. */
  attributes(omit?: ReadonlySet<string>): Record<string, string> {
    const result: Record<string, string> = {};
    for (let i = 0; i < this.header.length; i++) {
      const name = this.header[i];
      const value = this.fields[i];
      if (value !== "" && name !== "subject_id" && !omit?.has(name)) result[name] = value;
    }
    return result;
  }

  /** A key for rows without a natural one: 64 bits of SHA-1 over every field. */
  contentHash(): string {
    return createHash("sha1").update(this.fields.join("\u001f")).digest("hex").slice(0, 16);
  }
}
