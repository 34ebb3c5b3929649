// Reads rows of the official MIMIC-IV demo (../shared/ehr-samples, never copied into the repo)
// and shapes them as the importer stores them: attributes = every column as a string, label =
// the resolved name, time = the table's event time. For tests only.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { samplePath } from "../../../test/ehr-samples";
import type { RecordEvent } from "../record";
import { at } from "./record-builder";

export const MIMIC_DEMO_DIR = samplePath("mimic-iv-demo");

export type CsvRow = Record<string, string>;

const cache = new Map<string, CsvRow[]>();

export function readDemoTable(relative: string): CsvRow[] {
  const cached = cache.get(relative);
  if (cached) return cached;
  const file = path.join(MIMIC_DEMO_DIR, `${relative}.csv.gz`);
  const rows = parse(gunzipSync(readFileSync(file)), { columns: true, skip_empty_lines: true }) as CsvRow[];
  cache.set(relative, rows);
  return rows;
}

/** The column each table is timed by (EHR-Bench's starttime). */
const TIME_COLUMN: Record<string, string> = {
  labevents: "charttime",
  microbiologyevents: "charttime",
  transfers: "intime",
  services: "transfertime",
  poe: "ordertime",
  emar: "charttime",
  prescriptions: "starttime",
};

/**
 * Events of one hosp/ table for one admission, ids in file order (the importer's row order).
 * `label` resolves the row's name (d_labitems label, drug...).
 */
export function demoEvents(
  table: string,
  filter: (row: CsvRow) => boolean,
  options: { encounterId?: string; label: (row: CsvRow) => string; idBase?: number },
): RecordEvent[] {
  const rows = readDemoTable(`hosp/${table}`);
  const events: RecordEvent[] = [];
  rows.forEach((row, index) => {
    if (!filter(row)) return;
    const time = row[TIME_COLUMN[table]] || row.chartdate;
    events.push({
      id: (options.idBase ?? 0) + index,
      encounterId: options.encounterId ?? null,
      time: at(time),
      sourceTable: table,
      label: options.label(row),
      valueNum: row.valuenum ? Number(row.valuenum) : null,
      unit: row.valueuom || null,
      flag: row.flag || null,
      attributes: { ...row },
    });
  });
  return events;
}

export function labItemLabels(): Map<string, string> {
  return new Map(readDemoTable("hosp/d_labitems").map((r) => [r.itemid, r.label]));
}
