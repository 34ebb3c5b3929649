// The pandas column types of each million-row chunk of a mimic-code table (what the CSV
// reader records while it reads a file: column-types.ts, pandas-values.ts), derived in SQL at
// registration, one scan per table. Each value is classified as DtypeTracker classifies the
// text the reader yields for it (PostgreSQL's text of the typed value), so the types agree
// with the values the serializer prints. Exact: integer columns (int, or float where a value
// is missing), time columns (object), text columns (the same tests as DtypeTracker). Assumed:
// a float column where every value of a chunk is whole and present reads as int, as it would
// if the CSV wrote "5"; a CSV that wrote "5.0" gave float (MIMIC-IV's files write floats
// without a trailing ".0", and a million-row chunk with no missing value is rare).
// For a table without source_row the same scan counts the rows of each block of pages: the
// file-order index (file-order.ts).
import type pg from "pg";
import type { ConceptRecord } from "../import-record";
import { COLUMN_TYPES_SYSTEM } from "../mimic-iv/column-types";
import {
  dtypeOfSeen,
  PANDAS_BOOL_VALUES,
  PANDAS_CHUNK_ROWS,
  PANDAS_NA_VALUES,
  type PandasDtype,
  SEEN_BITS,
} from "../../model/prompt/pandas-values";
import type { MimicCodeColumn, MimicCodeTable } from "./connect-mimic-code";
import { FileOrder, type FileOrderIndex, fileOrderIndex, PAGE_OF_CTID, PAGES_PER_BLOCK } from "./file-order";

const INTEGER_TYPES = new Set(["smallint", "integer", "bigint"]);
const TIME_TYPES = new Set([
  "timestamp without time zone",
  "timestamp with time zone",
  "date",
  "time without time zone",
  "time with time zone",
]);

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const list = (values: readonly string[]) => `ARRAY[${values.map(literal).join(", ")}]::text[]`;

/** SQL giving a value's SEEN_BITS, as DtypeTracker.add would for the text the reader yields. */
export function classifySql(column: MimicCodeColumn): string {
  const c = `"${column.name.replaceAll('"', '""')}"`;
  const { int, float, bool, text, missing } = SEEN_BITS;
  if (INTEGER_TYPES.has(column.type)) {
    // More than 18 digits might overflow int64: DtypeTracker calls it a float, as pandas would.
    return `CASE WHEN ${c} IS NULL THEN ${missing} WHEN abs(${c}::numeric) >= 1e18 THEN ${float} ELSE ${int} END`;
  }
  if (TIME_TYPES.has(column.type)) return `CASE WHEN ${c} IS NULL THEN ${missing} ELSE ${text} END`;
  const v = `${c}::text`;
  return String.raw`CASE
    WHEN ${c} IS NULL OR ${v} = ANY(${list(PANDAS_NA_VALUES)}) THEN ${missing}
    WHEN ${v} ~ '^\s*[+-]?\d+\s*$' AND length(regexp_replace(${v}, '\D', '', 'g')) <= 18 THEN ${int}
    WHEN ${v} ~ '^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$' THEN ${float}
    WHEN ${v} = ANY(${list(PANDAS_BOOL_VALUES)}) THEN ${bool}
    ELSE ${text} END`;
}

export type TableScan = { columnTypes: ConceptRecord[]; fileOrder?: FileOrderIndex };

/**
 * Column types per chunk (and, without source_row, the file-order index) of one table.
 * `types: false` when they are recorded already (by our loader, or an import of the files):
 * a table with source_row then needs no scan at all, one without only the row count per block
 * (the regular expressions are most of a scan's cost).
 */
export async function scanMimicCodeTable(
  client: pg.ClientBase,
  table: MimicCodeTable,
  options: { types: boolean } = { types: true },
): Promise<TableScan> {
  if (!options.types && table.hasSourceRow) return { columnTypes: [] };
  const bits = options.types ? table.columns.map((column) => `bit_or(${classifySql(column)})::int`).join(", ") : "0";
  const chunks = new Map<number, number[]>();
  const add = (chunk: number, seen: number[]) => {
    const into = chunks.get(chunk) ?? table.columns.map(() => 0);
    seen.forEach((value, i) => (into[i] |= value ?? 0));
    chunks.set(chunk, into);
  };
  let fileOrder: FileOrderIndex | undefined;
  if (table.hasSourceRow) {
    const { rows } = await client.query<[number, ...number[]]>({
      text: `SELECT ((source_row - 1) / ${PANDAS_CHUNK_ROWS})::int, ${bits} FROM ${table.qualified} GROUP BY 1`,
      rowMode: "array",
    });
    for (const [chunk, ...seen] of rows) add(chunk, seen);
  } else {
    const { rows } = await client.query<[number, number, ...number[]]>({
      text: `SELECT (${PAGE_OF_CTID} / ${PAGES_PER_BLOCK})::int, count(*)::int, ${bits}
             FROM ${table.qualified} GROUP BY 1`,
      rowMode: "array",
    });
    fileOrder = fileOrderIndex(new Map(rows.map(([block, count]) => [block, count])));
    const order = new FileOrder(table, fileOrder);
    for (const [block, count, ...seen] of rows) {
      const first = fileOrder.rowsBefore[block];
      const firstChunk = Math.floor(first / PANDAS_CHUNK_ROWS);
      const lastChunk = Math.floor((first + count - 1) / PANDAS_CHUNK_ROWS);
      if (firstChunk === lastChunk || !options.types) {
        add(firstChunk, seen);
        continue;
      }
      // A chunk starts inside this block: its rows are classified again, split at the start.
      const cases: string[] = [];
      for (let chunk = firstChunk + 1; chunk <= lastChunk; chunk++) {
        const { page, item } = await order.ctidOf(client, chunk * PANDAS_CHUNK_ROWS);
        cases.push(`WHEN ctid < '(${page},${item})'::tid THEN ${chunk - 1}`);
      }
      const from = block * PAGES_PER_BLOCK;
      const split = await client.query<[number, ...number[]]>({
        text: `SELECT CASE ${cases.join(" ")} ELSE ${lastChunk} END, ${bits} FROM ${table.qualified}
               WHERE ctid >= '(${from},0)'::tid AND ctid < '(${from + PAGES_PER_BLOCK},0)'::tid GROUP BY 1`,
        rowMode: "array",
      });
      for (const [chunk, ...part] of split.rows) add(chunk, part);
    }
  }
  if (!options.types) return { columnTypes: [], fileOrder };
  // A table without rows is one chunk of all-missing (float) columns, as a header-only file.
  if (chunks.size === 0) add(0, []);
  const last = Math.max(...chunks.keys());
  const columnTypes: ConceptRecord[] = [];
  for (let chunk = 0; chunk <= last; chunk++) {
    const seen = chunks.get(chunk) ?? [];
    const attributes: Record<string, PandasDtype> = {};
    table.columns.forEach((column, i) => (attributes[column.name] = dtypeOfSeen(seen[i] ?? 0)));
    columnTypes.push({
      kind: "concept",
      system: COLUMN_TYPES_SYSTEM,
      code: `${table.spec.name}:${chunk}`,
      label: table.spec.name,
      attributes,
    });
  }
  return { columnTypes, fileOrder };
}
