// The pandas column types of each million-row chunk of a MIMIC-IV file, kept as a dictionary
// entry (concept system COLUMN_TYPES_SYSTEM, code "<table>:<chunk>", attributes column → dtype)
// so the EHR-R1 serializer prints each value as the authors' pipeline read it (see
// lib/model/prompt/pandas-values.ts). Like every dictionary entry, the first import's stays.
import type { ConceptRecord } from "../import-record";
import type { DtypeTracker, PandasDtype, TableDtypes } from "../../model/prompt/pandas-values";

export const COLUMN_TYPES_SYSTEM = "mimic-iv:pandas-dtypes";

export function columnTypesRecord(
  table: string,
  chunk: number,
  header: readonly string[],
  trackers: readonly DtypeTracker[],
): ConceptRecord {
  const attributes: Record<string, PandasDtype> = {};
  header.forEach((column, i) => (attributes[column] = trackers[i].dtype()));
  return { kind: "concept", system: COLUMN_TYPES_SYSTEM, code: `${table}:${chunk}`, label: table, attributes };
}

/** Concept rows of COLUMN_TYPES_SYSTEM back into per-table chunk lists. */
export function columnTypesFromConcepts(
  concepts: readonly { code: string; attributes?: unknown }[],
): Map<string, TableDtypes> {
  const tables = new Map<string, TableDtypes>();
  for (const concept of concepts) {
    const at = concept.code.lastIndexOf(":");
    const table = concept.code.slice(0, at);
    const chunk = Number(concept.code.slice(at + 1));
    const chunks = tables.get(table) ?? [];
    chunks[chunk] = concept.attributes as Record<string, PandasDtype>;
    tables.set(table, chunks);
  }
  return tables;
}
