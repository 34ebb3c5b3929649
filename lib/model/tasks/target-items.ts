// The item names a decision task answers with, read from the rows of its target table, exactly
// as the authors' output_process picks them (one column per table; transfers prefer careunit).
import { attribute, attributeText, type RecordEvent } from "../record";

/** Which column holds the answer for each table; `label` is the resolved name. */
const TARGET_COLUMN: Record<string, string> = {
  omr: "result_name",
  poe: "order_type",
  services: "curr_service",
  emar: "medication",
  prescriptions: "drug",
  microbiologyevents: "test_name",
  medrecon: "name",
  pyxis: "name",
  diagnosis: "icd_title",
};

function itemOf(table: string, event: RecordEvent, mappedColumn?: string): string[] {
  if (mappedColumn) return [attributeText(event, mappedColumn) ?? ""];
  if (table === "transfers") {
    return [attributeText(event, "careunit") ?? attributeText(event, "eventtype") ?? event.label];
  }
  if (table === "radiology") {
    const exams = attribute(event, "exam_name");
    if (Array.isArray(exams)) return exams.map(String);
    if (typeof exams === "string" && exams.trim()) return [exams];
    return [event.label];
  }
  const column = TARGET_COLUMN[table];
  return [(column && attributeText(event, column)) || event.label];
}

/**
 * Distinct, trimmed, non-empty item names of a target event's rows, in row order.
 * `mappedColumn` reads a dictionary-mapped column instead ("CCS Type", "ATC Type").
 */
export function targetItemsOf(table: string, rows: readonly RecordEvent[], mappedColumn?: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const row of rows) {
    for (const raw of itemOf(table, row, mappedColumn)) {
      const item = (raw ?? "").trim();
      if (!item || item.toLowerCase() === "nan" || item === "None" || seen.has(item)) continue;
      seen.add(item);
      items.push(item);
    }
  }
  return items;
}
