// A MIMIC-IV cell as the authors' pipeline printed it. Their preprocessing
// (preprocess/merge_patient.py) reads each CSV with pandas 1.5.3 `read_csv(chunksize=1_000_000)`,
// so every chunk of a million rows gets its own column types; combination.py then turns each
// value into `str(value)`. What the model saw therefore depends on the column's type in that
// chunk, not on the cell alone: `350` in an all-integer column, `350.0` in a numeric column with
// a missing value, the text as written in a column holding any non-number. The importer records
// each chunk's types (see inferPandasDtypes) and the serializer prints through formatPandasValue.

import { formatPythonFloat } from "./python-format";

export type PandasDtype = "int" | "float" | "bool" | "object";

/** Rows per DataFrame in the authors' `read_csv(chunksize=...)`. */
export const PANDAS_CHUNK_ROWS = 1_000_000;

// pandas 1.5.3's default missing-value strings (pandas 2.0 added "None": 1.5.3 keeps it as text).
export const PANDAS_NA_VALUES: readonly string[] = [
  "",
  "#N/A",
  "#N/A N/A",
  "#NA",
  "-1.#IND",
  "-1.#QNAN",
  "-NaN",
  "-nan",
  "1.#IND",
  "1.#QNAN",
  "<NA>",
  "N/A",
  "NA",
  "NULL",
  "NaN",
  "n/a",
  "nan",
  "null",
];
const PANDAS_NA = new Set(PANDAS_NA_VALUES);

export function isPandasNa(raw: string | null | undefined): boolean {
  return raw === null || raw === undefined || PANDAS_NA.has(raw);
}

const INT = /^\s*[+-]?\d+\s*$/;
const FLOAT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
export const PANDAS_BOOL_VALUES: readonly string[] = ["True", "False", "TRUE", "FALSE", "true", "false"];
const BOOL = new Set(PANDAS_BOOL_VALUES);
const INT64_DIGITS = 18; // anything longer might overflow int64: treated as float, as pandas would

const enum Seen {
  Int = 1,
  Float = 2,
  Bool = 4,
  Text = 8,
  Missing = 16,
}

/** Seen's bits by name, for code that classifies values elsewhere (the mimic-code store's SQL). */
export const SEEN_BITS = { int: 1, float: 2, bool: 4, text: 8, missing: 16 } as const;

/** Collects one column's values of one chunk and says what dtype pandas gave it. */
export class DtypeTracker {
  private seen = 0;

  add(raw: string | null | undefined): void {
    if (this.seen & Seen.Text) {
      if (isPandasNa(raw)) this.seen |= Seen.Missing;
      return;
    }
    if (isPandasNa(raw)) this.seen |= Seen.Missing;
    else if (INT.test(raw!) && raw!.replace(/\D/g, "").length <= INT64_DIGITS) this.seen |= Seen.Int;
    else if (FLOAT.test(raw!)) this.seen |= Seen.Float;
    else if (BOOL.has(raw!)) this.seen |= Seen.Bool;
    else this.seen |= Seen.Text;
  }

  dtype(): PandasDtype {
    return dtypeOfSeen(this.seen);
  }
}

/** The dtype pandas gives a column whose values were `seen` (bits of Seen). */
export function dtypeOfSeen(s: number): PandasDtype {
  if (s & Seen.Text) return "object";
  if (s & Seen.Bool) return s & (Seen.Int | Seen.Float | Seen.Missing) ? "object" : "bool";
  if (s & Seen.Float || s & Seen.Missing || s === 0) return "float"; // an all-missing column is float64
  return "int";
}

/** Column dtypes of one table, per million-row chunk of its file: [chunk][column]. */
export type TableDtypes = Record<string, PandasDtype>[];

/** Where pandas' chunking puts a data row (0-based row index in its file). */
export const pandasChunkOf = (rowIndex: number) => Math.floor(rowIndex / PANDAS_CHUNK_ROWS);

const POWERS_OF_TEN = Array.from({ length: 309 }, (_, i) => Number(`1e${i}`));

/**
 * pandas' default float parser (`precise_xstrtod`, float_precision=None/"high" in 1.5.3): up to
 * 17 significant digits accumulated in a double, then one scaling by a power of ten. It is not
 * always correctly rounded: the CSV's `11.380880355834961` becomes 11.38088035583496.
 */
export function preciseXstrtod(text: string): number {
  const s = text.trim();
  let p = 0;
  let negative = false;
  if (s[p] === "-") {
    negative = true;
    p++;
  } else if (s[p] === "+") p++;
  let number = 0;
  let exponent = 0;
  let digits = 0;
  const maxDigits = 17;
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  while (isDigit(s[p])) {
    if (digits < maxDigits) {
      number = number * 10 + (s.charCodeAt(p) - 48);
      digits++;
    } else exponent++;
    p++;
  }
  if (s[p] === ".") {
    p++;
    let decimals = 0;
    while (digits < maxDigits && isDigit(s[p])) {
      number = number * 10 + (s.charCodeAt(p) - 48);
      p++;
      digits++;
      decimals++;
    }
    while (isDigit(s[p])) p++;
    exponent -= decimals;
  }
  if (negative) number = -number;
  if (s[p] === "e" || s[p] === "E") {
    p++;
    let sign = 1;
    if (s[p] === "-") {
      sign = -1;
      p++;
    } else if (s[p] === "+") p++;
    let n = 0;
    while (isDigit(s[p])) n = n * 10 + (s.charCodeAt(p++) - 48);
    exponent += sign * n;
  }
  if (exponent > 308) return negative ? -Infinity : Infinity;
  if (exponent > 0) return number * POWERS_OF_TEN[exponent];
  if (exponent < -308) {
    if (exponent < -616) return 0;
    return number / POWERS_OF_TEN[-308 - exponent] / POWERS_OF_TEN[308];
  }
  return number / POWERS_OF_TEN[-exponent];
}

/** `str(value)` of the cell pandas read from `raw` in a column of `dtype`. */
export function formatPandasValue(raw: string | null | undefined, dtype: PandasDtype): string {
  if (isPandasNa(raw)) return "nan";
  const text = raw!;
  switch (dtype) {
    case "int":
      return BigInt(text.trim()).toString();
    case "float":
      return formatPythonFloat(preciseXstrtod(text));
    case "bool":
      return text.toLowerCase() === "true" ? "True" : "False";
    default:
      return text;
  }
}
