// The export's columns, and the one rule every CSV cell passes through: text a spreadsheet
// would run as a formula (=, +, -, @, tab or carriage return first) gets a leading
// apostrophe (OWASP "CSV injection"). Numbers stay numbers; missing values are empty cells.
export const TIDY_COLUMNS = [
  "queue_id",
  "queue_name",
  "item_id",
  "item_position",
  "kind",
  "run_id",
  "run_b_id",
  "presented_left",
  "patient_id",
  "patient_source",
  "patient_external_id",
  "task",
  "cutoff",
  "backend",
  "model",
  "backend_b",
  "model_b",
  "rater_id",
  "rater_role",
  "criterion",
  "criterion_label",
  "value",
  "value_label",
  "note",
  "comment",
  "status",
  "version",
  "created_at",
  "updated_at",
  "submitted_at",
  "time_spent_ms",
] as const;
export type TidyColumn = (typeof TIDY_COLUMNS)[number];
export type Cell = string | number | null;
export type TidyRow = Record<TidyColumn, Cell>;

/** The columns that describe what was rated; the wide layout keeps these and adds one column per rater. */
export const ITEM_COLUMNS = [
  "queue_id",
  "queue_name",
  "item_id",
  "item_position",
  "kind",
  "run_id",
  "run_b_id",
  "patient_id",
  "patient_source",
  "patient_external_id",
  "task",
  "cutoff",
  "backend",
  "model",
  "backend_b",
  "model_b",
  "criterion",
  "criterion_label",
] as const satisfies readonly TidyColumn[];

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(value: Cell): string | number {
  if (value === null) return "";
  if (typeof value === "number") return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}
