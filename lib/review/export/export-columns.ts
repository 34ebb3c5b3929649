// The export's columns, and the one rule every CSV text cell passes through: text a
// spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) gets a
// leading apostrophe (OWASP "CSV injection"). Numbers stay numbers; missing values are empty
// cells. export-sql.ts applies the rule in PostgreSQL, where the rows are made.
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

/** Columns holding numbers (value holds a number or text, depending on the criterion). */
export const NUMBER_COLUMNS: ReadonlySet<TidyColumn> = new Set(["item_position", "version", "time_spent_ms"]);

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

/** A text cell starting with one of these is prefixed with an apostrophe in CSV. */
export const FORMULA_START = ["=", "+", "-", "@", "\t", "\r"] as const;
