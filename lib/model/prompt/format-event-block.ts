// One EHR-R1 event block: a header, then `- Key: value` lines for one row or a markdown table
// for several (MAGIC-AI4Med/EHR-R1 MIMICIVStringConvertor.input_process).
import { formatTimestamp, type RecordEvent } from "../record";
import { readColumn, type ColumnKind, type TableSpec } from "../mimic-tables";
import { isPandasNa } from "./pandas-values";
import { formatPythonFloat, pythonRepr, pythonStr, pythonTitle } from "./python-format";

// Rows without recorded column types (FHIR, older imports) also treat the text "None" as
// missing: their values did not come through pandas, and None is how Python printed nothing.
const isMissing = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === "number" && Number.isNaN(value)) ||
  (typeof value === "string" && (isPandasNa(value) || value === "None"));

/** A cell as pandas printed it (see ColumnKind). */
export function formatCell(value: unknown, kind: ColumnKind): string {
  if (kind === "mapped") return isMissing(value) ? "None" : pythonStr(value);
  if (kind === "list") {
    if (isMissing(value)) return "None";
    const items = Array.isArray(value) ? value : [value];
    return `[${items.map(pythonRepr).join(", ")}]`;
  }
  if (isMissing(value)) return "nan";
  if (kind === "float" || kind === "int") {
    if (typeof value === "string" && !value.trim()) return "nan";
    const n = typeof value === "number" ? value : Number(String(value).trim());
    // Text in a numeric column means pandas had read the column as text: print it as is.
    if (Number.isNaN(n)) return String(value);
    return kind === "int" && Number.isInteger(n) ? String(n) : formatPythonFloat(n);
  }
  return pythonStr(value);
}

/** Header time: `[YYYY-MM-DD HH:MM:SS]`, or `[None]` for the timeless demographics row. */
export function formatHeader(eventName: string, time: Date | null): string {
  return `## ${eventName} [${time ? formatTimestamp(time) : "None"}]`;
}

/** Rows already reduced to printed cells. */
export function formatBlock(
  eventName: string,
  time: Date | null,
  keys: readonly string[],
  rows: readonly string[][],
): string {
  const lines: string[] = [];
  if (rows.length === 1) {
    keys.forEach((key, i) => lines.push(`- ${pythonTitle(key)}: ${rows[0][i]}`));
  } else {
    lines.push(`| ${keys.map(pythonTitle).join(" | ")} |`);
    lines.push(`| ${keys.map(() => "------").join(" | ")} |`);
    for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  }
  // The authors join header and lines with "\n" even when there are no lines (ICU stays), which
  // leaves a trailing newline: kept, since the model saw it.
  return `${formatHeader(eventName, time)}\n${lines.join("\n")}`;
}

/** The rows of one table at one time, printed in that table's trained layout. */
export function formatEventBlock(spec: TableSpec, time: Date | null, events: readonly RecordEvent[]): string {
  const keys = spec.columns.map((c) => c.key);
  const rows = events.map((event) => spec.columns.map((c) => formatCell(readColumn(event, c), c.kind)));
  return formatBlock(spec.eventName, time, keys, rows);
}
