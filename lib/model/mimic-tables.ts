// The EHR-R1 event vocabulary: for each MIMIC-IV table, the header name and the columns the
// model was trained to see (MAGIC-AI4Med/EHR-R1, mimiciv_dataset/input_format.py: EVENT_NAME
// and event_info[...].info_keys). "Labotary" is the authors' spelling and must stay.
import { attribute, type RecordEvent } from "./record";

/**
 * How pandas printed a column: `float` columns (numeric with missing values) print `130.0` /
 * `nan`; `text` columns print the string or `nan`; `int` columns print `91`; `mapped` columns
 * are looked up in a dictionary by the authors' code and print `None` when the code is unmapped;
 * `list` columns print a Python list (`['CHEST (PORTABLE AP)']`).
 */
export type ColumnKind = "float" | "int" | "text" | "mapped" | "list";

export type ColumnSpec = {
  /** The column name as the model saw it (before str.title()). */
  key: string;
  kind: ColumnKind;
  /** Where the value comes from in our event row; default: the attribute of the same name. */
  read?: (event: RecordEvent) => unknown;
};

export type TableSpec = {
  table: string;
  /** Header text: `## {eventName} [time]`. */
  eventName: string;
  columns: ColumnSpec[];
  /** Where the table's rows live in MIMIC-IV (hosp, icu, note, ed). */
  module: "hosp" | "icu" | "note" | "ed" | "other";
};

/** The resolved name (d_labitems / d_items label, ICD long title) is the event's label. */
const label = (event: RecordEvent) => (event.label?.trim() ? event.label : undefined);
/** A source column, falling back to the label (e.g. prescriptions.drug is also the label). */
const attrOrLabel = (key: string) => (event: RecordEvent) => attribute(event, key) ?? label(event);

// Typed Event columns stand in for source columns when the attributes lack them (FHIR rows).
const fallback: Record<string, (event: RecordEvent) => unknown> = {
  valuenum: (e) => e.valueNum,
  valueuom: (e) => e.unit,
  ref_range_lower: (e) => e.refLow,
  ref_range_upper: (e) => e.refHigh,
  flag: (e) => e.flag,
  value: (e) => e.valueNum ?? e.valueText,
  amount: (e) => e.valueNum,
  amountuom: (e) => e.unit,
  text: (e) => e.valueText,
  result_name: (e) => label(e),
  result_value: (e) => e.valueText ?? e.valueNum,
};

/** Reads a column's raw value from an event row. */
export function readColumn(event: RecordEvent, column: ColumnSpec): unknown {
  if (column.read) return column.read(event);
  const value = attribute(event, column.key);
  if (value !== undefined && value !== null && value !== "") return value;
  return fallback[column.key]?.(event) ?? value;
}

const col = (key: string, kind: ColumnKind = "text", read?: ColumnSpec["read"]): ColumnSpec => ({ key, kind, read });
const itemName = col("item_name", "mapped", label);

// CCS and ATC columns come from external maps (ICD→CCS, NDC→ATC) the app does not have. The
// authors' code prints None for a code missing from the map, so None keeps the trained layout.
const unmapped = (key: string) => col(key, "mapped", (e) => attribute(e, key));

const SPECS: TableSpec[] = [
  {
    table: "patients",
    module: "hosp",
    eventName: "Patient Demographics",
    columns: [col("anchor_age", "int"), col("gender")],
  },
  {
    table: "omr",
    module: "hosp",
    eventName: "Online Medical Record",
    columns: [col("result_name"), col("result_value")],
  },
  {
    table: "pharmacy",
    module: "hosp",
    eventName: "Pharmacy",
    columns: [col("medication", "text", attrOrLabel("medication")), col("proc_type"), col("status")],
  },
  {
    table: "poe",
    module: "hosp",
    eventName: "Provider Order Entry",
    columns: [col("order_type", "text", attrOrLabel("order_type")), col("order_subtype")],
  },
  {
    table: "procedures_icd",
    module: "hosp",
    eventName: "Procedures on International Classification of Diseases",
    columns: [col("procedures", "mapped", label), unmapped("CCS Type")],
  },
  {
    table: "prescriptions",
    module: "hosp",
    eventName: "Prescriptions",
    columns: [
      col("drug", "text", attrOrLabel("drug")),
      unmapped("ATC Type"),
      col("prod_strength"),
      col("dose_val_rx"),
      col("dose_unit_rx"),
    ],
  },
  {
    table: "services",
    module: "hosp",
    eventName: "Services",
    columns: [col("curr_service", "text", attrOrLabel("curr_service"))],
  },
  {
    table: "labevents",
    module: "hosp",
    eventName: "Labotary Test Events",
    columns: [
      itemName,
      col("valuenum", "float"),
      col("valueuom"),
      col("ref_range_lower", "float"),
      col("ref_range_upper", "float"),
      col("flag"),
      col("comments"),
    ],
  },
  {
    table: "microbiologyevents",
    module: "hosp",
    eventName: "Microbiology Test Events",
    columns: [
      col("test_name", "text", attrOrLabel("test_name")),
      col("dilution_text"),
      col("interpretation"),
      col("comments"),
      col("ab_name"),
    ],
  },
  {
    table: "admissions",
    module: "hosp",
    eventName: "Admissions",
    columns: [col("admission_type"), col("admission_location"), col("admission_info", "mapped")],
  },
  { table: "transfers", module: "hosp", eventName: "Transfers", columns: [col("eventtype"), col("careunit")] },
  {
    table: "emar",
    module: "hosp",
    eventName: "Electronic Medicine Administration Record",
    columns: [col("medication", "text", attrOrLabel("medication")), col("event_txt")],
  },
  {
    table: "diagnoses_icd",
    module: "hosp",
    eventName: "Diagnoses on International Classification of Diseases",
    columns: [col("diagnoses", "mapped", label), unmapped("CCS Type")],
  },
  {
    table: "radiology",
    module: "note",
    eventName: "Radiology Examinations",
    columns: [col("note_type"), col("exam_name", "list"), col("text")],
  },
  { table: "discharge", module: "note", eventName: "Discharge", columns: [col("note_type"), col("text")] },
  { table: "edstays", module: "ed", eventName: "EDstays", columns: [col("gender"), col("race")] },
  {
    table: "triage",
    module: "ed",
    eventName: "Triage",
    columns: ["temperature", "heartrate", "resprate", "o2sat", "sbp", "dbp"]
      .map((k) => col(k, "float"))
      .concat([col("pain"), col("acuity", "float"), col("chiefcomplaint")]),
  },
  {
    table: "medrecon",
    module: "ed",
    eventName: "Medrecon",
    columns: [col("name", "text", attrOrLabel("name")), unmapped("ATC Type")],
  },
  { table: "pyxis", module: "ed", eventName: "Pyxis", columns: [col("name", "text", attrOrLabel("name"))] },
  {
    table: "vitalsign",
    module: "ed",
    eventName: "Vitalsign",
    columns: ["temperature", "heartrate", "resprate", "o2sat", "sbp", "dbp"]
      .map((k) => col(k, "float"))
      .concat([col("pain"), col("rhythm")]),
  },
  {
    table: "diagnosis",
    module: "ed",
    eventName: "ED Diagnoses on International Classification of Diseases",
    columns: [col("icd_title", "text", attrOrLabel("icd_title")), unmapped("CCS Type")],
  },
  { table: "icustays", module: "icu", eventName: "ICUstays", columns: [] },
  // chartevents.warning is 0/1 with gaps, so pandas read it as float.
  {
    table: "chartevents",
    module: "icu",
    eventName: "Chart Events",
    columns: [itemName, col("valuenum", "float"), col("valueuom"), col("warning", "float")],
  },
  {
    table: "ingredientevents",
    module: "icu",
    eventName: "Ingredient Events",
    columns: [itemName, col("amount", "float"), col("amountuom"), col("rate", "float"), col("rateuom")],
  },
  { table: "datetimeevents", module: "icu", eventName: "Datetime Events", columns: [itemName] },
  {
    table: "procedureevents",
    module: "icu",
    eventName: "Procedure Events",
    columns: [itemName, col("value", "float"), col("valueuom"), col("location"), col("locationcategory")],
  },
  {
    table: "inputevents",
    module: "icu",
    eventName: "Input Events",
    columns: [itemName, col("amount", "float"), col("amountuom"), col("rate", "float"), col("rateuom")],
  },
  {
    table: "outputevents",
    module: "icu",
    eventName: "Output Events",
    columns: [itemName, col("value", "float"), col("valueuom")],
  },
];

export const TABLE_SPECS: ReadonlyMap<string, TableSpec> = new Map(SPECS.map((s) => [s.table, s]));

/**
 * Tables the authors named but never serialized (their converter returned ""): left out of the
 * prompt rather than printed as empty blocks.
 */
export const UNSERIALIZED_TABLES: ReadonlySet<string> = new Set([
  "hcpcsevents",
  "drgcodes",
  "poe_detail",
  "emar_detail",
]);

/**
 * FHIR-imported events carry the resource type as sourceTable; their category says which
 * MIMIC-IV table they resemble, so the model sees the layout it was trained on.
 */
const CATEGORY_TABLE: Record<string, string> = {
  lab: "labevents",
  vital: "chartevents",
  diagnosis: "diagnoses_icd",
  procedure: "procedures_icd",
  medication: "prescriptions",
  microbiology: "microbiologyevents",
  transfer: "transfers",
  order: "poe",
  observation: "omr",
  input: "inputevents",
  output: "outputevents",
  admission: "admissions",
};

/** The MIMIC-IV table whose layout an event is printed in (and whose task it can answer). */
export function resolveTableKey(event: Pick<RecordEvent, "sourceTable" | "category">): string {
  if (TABLE_SPECS.has(event.sourceTable) || UNSERIALIZED_TABLES.has(event.sourceTable)) return event.sourceTable;
  return (event.category && CATEGORY_TABLE[event.category]) || event.sourceTable;
}

/** Events of tables EHR-R1 never saw (FHIR Immunization, notes...): name, value and unit. */
export function genericTableSpec(table: string): TableSpec {
  return {
    table,
    module: "other",
    eventName: table,
    columns: [itemName, col("value", "text", (e) => e.valueText ?? e.valueNum), col("unit", "text", (e) => e.unit)],
  };
}

export function tableSpecFor(event: Pick<RecordEvent, "sourceTable" | "category">): TableSpec {
  const key = resolveTableKey(event);
  return TABLE_SPECS.get(key) ?? genericTableSpec(key);
}
