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
  "backend_id",
  "backend",
  "model",
  "backend_b_id",
  "backend_b",
  "model_b",
  "rater_id",
  "rater_role",
  "criterion",
  "criterion_label",
  "value",
  "value_label",
  "value_numeric",
  "flag_wrong_fact",
  "flag_unsupported",
  "flag_irrelevant",
  "flag_harmful",
  "note",
  "final_value",
  "final_note",
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
export const NUMBER_COLUMNS: ReadonlySet<TidyColumn> = new Set([
  "item_position",
  "value_numeric",
  "flag_wrong_fact",
  "flag_unsupported",
  "flag_irrelevant",
  "flag_harmful",
  "version",
  "time_spent_ms",
]);

/** The columns that hold one answer (they differ between a rating's rows), first to last. */
export const FIRST_ANSWER_COLUMN = "criterion" satisfies TidyColumn;
export const LAST_ANSWER_COLUMN = "final_note" satisfies TidyColumn;

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
  "backend_id",
  "backend",
  "model",
  "backend_b_id",
  "backend_b",
  "model_b",
  "criterion",
  "criterion_label",
  "final_value",
  "final_note",
] as const satisfies readonly TidyColumn[];

/** The rows that are not answers: a skipped item (criterion skip) and a flag for the study lead (criterion flag). */
export const SKIP_CRITERION_LABEL = "Skipped by the rater";
export const FLAG_CRITERION_LABEL = "Flag for the study lead";
export const FLAG_STATE_LABELS = { open: "Open", resolved: "Resolved" } as const;

/** A text cell starting with one of these is prefixed with an apostrophe in CSV. */
export const FORMULA_START = ["=", "+", "-", "@", "\t", "\r"] as const;

export type ColumnType = "text" | "integer" | "number or text" | "timestamp";

/** The codebook's entry for each column: its type and what it holds. One per column, tested. */
export const COLUMN_DOCS: Record<TidyColumn, { type: ColumnType; description: string }> = {
  queue_id: { type: "text", description: "The review queue (empty for a rating made outside any queue)." },
  queue_name: { type: "text", description: "The queue's name." },
  item_id: { type: "text", description: "The queue item rated (patient, task, cut-off, run or runs)." },
  item_position: { type: "integer", description: "The item's number in its queue as the queue page shows it, from 1." },
  kind: { type: "text", description: "agreement, rubric or pairwise." },
  run_id: { type: "text", description: "The run rated (pairwise: run A)." },
  run_b_id: { type: "text", description: "Pairwise: run B; empty otherwise." },
  presented_left: {
    type: "text",
    description: "Pairwise: A or B, the run this rater saw on the left (sides are balanced per rater).",
  },
  patient_id: { type: "text", description: "The patient (app id)." },
  patient_source: { type: "text", description: "mimic-iv or fhir." },
  patient_external_id: { type: "text", description: "subject_id (MIMIC-IV) or Patient.id (FHIR)." },
  task: { type: "text", description: "The EHR-Bench task key." },
  cutoff: { type: "timestamp", description: "The prediction's cut-off: the run read the record up to here (UTC)." },
  backend_id: { type: "text", description: "The backend of run A as configured (plain id, e.g. baseline, ehr-r1)." },
  backend: { type: "text", description: "Its display name; the baseline reads 'baseline, not EHR-R1'." },
  model: { type: "text", description: "The model id the backend reported for run A." },
  backend_b_id: { type: "text", description: "Pairwise: the backend of run B (plain id)." },
  backend_b: { type: "text", description: "Pairwise: its display name." },
  model_b: { type: "text", description: "Pairwise: the model id of run B." },
  rater_id: {
    type: "text",
    description: "The rater: user id, or rater_<keyed hash> in a pseudonymous export (same salt, same pseudonym).",
  },
  rater_role: { type: "text", description: "The rater's roles (comma-separated): admin, clinician, annotator." },
  criterion: {
    type: "text",
    description:
      "What was answered: item:<rank>, missing_item:<n>, overall, confidence, a rubric or pairwise criterion key, step:<step id>; skip (a skipped item, status skipped) or flag (a flag for the study lead, status flagged).",
  },
  criterion_label: { type: "text", description: "Its label (the predicted item's name for item:<rank>)." },
  value: {
    type: "number or text",
    description:
      "The answer as stored: the level's number (the digit the rater saw and pressed); A, B or tie (pairwise); the text (missing items); flags joined by + (steps); the reason (skip: cannot_assess, not_my_specialty, other); open or resolved (flag).",
  },
  value_label: { type: "text", description: "The level's label (pairwise: the chosen side with its backend)." },
  value_numeric: { type: "integer", description: "The answer when it is a level of a numeric scale; empty otherwise." },
  flag_wrong_fact: { type: "integer", description: "Step rows: 1 when the step was flagged 'wrong fact', else 0." },
  flag_unsupported: { type: "integer", description: "Step rows: 1 when flagged 'unsupported', else 0." },
  flag_irrelevant: { type: "integer", description: "Step rows: 1 when flagged 'irrelevant', else 0." },
  flag_harmful: { type: "integer", description: "Step rows: 1 when flagged 'harmful', else 0." },
  note: {
    type: "text",
    description: "Step rows: the rater's note on the step; skip rows: the rater's words; flag rows: the flag's note.",
  },
  final_value: {
    type: "number or text",
    description: "The study lead's final label of this item and criterion (adjudication), in the criterion's values.",
  },
  final_note: { type: "text", description: "The study lead's note on the final label." },
  comment: { type: "text", description: "The rater's comment on the whole item." },
  status: {
    type: "text",
    description:
      "submitted; draft (only with include=all); skipped (the rater declined the item: a missing rating, one row, criterion skip); flagged (a flag for the study lead, one row, criterion flag). Filter on submitted for ratings.",
  },
  version: { type: "integer", description: "How many times the rating was saved (empty on skip and flag rows)." },
  created_at: { type: "timestamp", description: "First save (UTC); skip rows: when skipped; flag rows: when flagged." },
  updated_at: { type: "timestamp", description: "Last save (UTC); flag rows: when resolved (else when flagged)." },
  submitted_at: { type: "timestamp", description: "Submission (UTC); empty for drafts." },
  time_spent_ms: {
    type: "integer",
    description: "Active time on the item, in milliseconds (empty on skip and flag rows).",
  },
};
