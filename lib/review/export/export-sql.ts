// The ratings export as one SQL query whose rows are the export's rows: PostgreSQL joins each
// rating to its run, patient, queue item and rater, unnests its answers (predicted items,
// missing items, rubric and pairwise criteria, flagged steps, confidence), orders, labels,
// neutralises and formats them, and the app only relays bytes. What the database cannot
// know (queue configs with their defaults, pseudonyms, reasoning-step labels) comes from the
// temp tables export-lookups.ts fills first. COPY takes no bind parameters, so the few values
// written into the SQL go through pg's escapeLiteral.
import "server-only";
import pg from "pg";
import { BASELINE_LABEL } from "../../model/baseline/baseline-input";
import { CONFIDENCE_SCALE, STEP_FLAG_LABELS, STEP_FLAGS, type ScaleLevel, type StepFlag } from "../queue-config";
import { SKIP_REASON_LABELS } from "../skip-queue-item.types";
import {
  FIRST_ANSWER_COLUMN,
  FLAG_CRITERION_LABEL,
  FLAG_STATE_LABELS,
  FORMULA_START,
  ITEM_COLUMNS,
  LAST_ANSWER_COLUMN,
  NUMBER_COLUMNS,
  SKIP_CRITERION_LABEL,
  TIDY_COLUMNS,
} from "./export-columns";

export type RatingFilter = { queueId?: string; includeDrafts: boolean };
export type ExportLayout = "tidy" | "wide";
export type ExportFormat = "csv" | "jsonl";

export const literal = (text: string) => pg.escapeLiteral(text);

/**
 * What an export's rows come from, shaped as rating rows: every rating, and besides them
 * each skipped assignment (status 'skipped': a missing rating the rater chose, with its
 * reason) and each flag for the study lead (status 'flagged'), so a statistician filters
 * them by status or criterion. Those two carry no answers; event_kind/value/note make their
 * one row (criterion 'skip' or 'flag'). They name the item's run A, which exists whenever a
 * reviewer was given the item.
 */
const EXPORT_SOURCE = `(
  SELECT r.id, r."runId", r."userId", r.kind, r."queueItemId", r.status::text AS status, r.overall, r.confidence,
         r.items, r."missingItems", r.rubric, r."presentedOrder", r.steps, r.comment, r."timeSpentMs", r.version,
         r."createdAt", r."updatedAt", r."submittedAt",
         NULL::text AS event_kind, NULL::text AS event_value, NULL::text AS event_note
  FROM rating r
  UNION ALL
  SELECT s.id, si."runId", s."userId", sq.kind, s."queueItemId", 'skipped', NULL, NULL,
         '[]'::jsonb, '[]'::jsonb, '{}'::jsonb, NULL, '[]'::jsonb, '', NULL, NULL,
         coalesce(s."skippedAt", s."updatedAt"), s."updatedAt", NULL,
         'skip', s."skipReason"::text, s."skipNote"
  FROM assignment s JOIN queue_item si ON si.id = s."queueItemId" JOIN queue sq ON sq.id = si."queueId"
  WHERE s.status = 'skipped' AND si."runId" IS NOT NULL
  UNION ALL
  SELECT f.id, fi."runId", f."userId", fq.kind, f."queueItemId", 'flagged', NULL, NULL,
         '[]'::jsonb, '[]'::jsonb, '{}'::jsonb, NULL, '[]'::jsonb, '', NULL, NULL,
         f."createdAt", coalesce(f."resolvedAt", f."createdAt"), NULL,
         'flag', CASE WHEN f."resolvedAt" IS NULL THEN 'open' ELSE 'resolved' END, f.note
  FROM queue_flag f JOIN queue_item fi ON fi.id = f."queueItemId" JOIN queue fq ON fq.id = fi."queueId"
  WHERE fi."runId" IS NOT NULL
)`;

/**
 * The WHERE clause choosing the rows an export covers, over its source r and queue item qi:
 * drafts only when asked for; skips and flags always (they are not drafts).
 */
export function scopeWhere(filter: RatingFilter, ...extra: string[]): string {
  const conditions = [
    ...(filter.queueId ? [`qi."queueId" = ${literal(filter.queueId)}`] : []),
    ...(filter.includeDrafts ? [] : [`r.status <> 'draft'`]),
    ...extra,
  ];
  return conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
}

/** The rows an export covers, as a FROM item (source r, queue item qi) with its WHERE. */
export const ratingsInScope = (filter: RatingFilter, ...extra: string[]) =>
  `${EXPORT_SOURCE} r LEFT JOIN queue_item qi ON qi.id = r."queueItemId" ${scopeWhere(filter, ...extra)}`;

const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The backend as the export names it: the baseline says plainly that it is not EHR-R1. */
const backendName = (alias: string) =>
  `CASE WHEN ${alias}.kind = 'baseline' THEN ${literal(BASELINE_LABEL)} ELSE ${alias}.name END`;
/** A scale as a JSON object, level value → label (export_config holds each queue's). */
export const scaleObject = (levels: readonly ScaleLevel[]) =>
  Object.fromEntries(levels.map((level) => [String(level.value), level.label]));
const flagLabels = `(VALUES ${Object.entries(STEP_FLAG_LABELS)
  .map(([flag, label]) => `(${literal(flag)}, ${literal(label)})`)
  .join(", ")}) AS fl(flag, label)`;

/** The tidy columns that hold a rating's answer; every other column is the same for all of a rating's rows. */
const ANSWER_COLUMNS = new Set(
  TIDY_COLUMNS.slice(TIDY_COLUMNS.indexOf(FIRST_ANSWER_COLUMN), TIDY_COLUMNS.indexOf(LAST_ANSWER_COLUMN) + 1),
);
const RATING_COLUMNS = TIDY_COLUMNS.filter((column) => !ANSWER_COLUMNS.has(column));

/** Each per-rating column as SQL over the joined rating (aliases below). */
const RATING_VALUES: Record<string, string> = {
  queue_id: "q.id",
  queue_name: "q.name",
  item_id: "qi.id",
  // As the queue page shows it: the first item is 1.
  item_position: "qi.position + 1",
  kind: "r.kind::text",
  run_id: 'r."runId"',
  run_b_id: "prb.id",
  presented_left: 'left(r."presentedOrder", 1)',
  patient_id: 'pr."patientId"',
  patient_source: "p.source",
  patient_external_id: 'p."externalId"',
  task: 'pr."taskKey"',
  cutoff: iso("pr.cutoff"),
  backend_id: "b.id",
  backend: backendName("b"),
  model: 'pr."modelName"',
  backend_b_id: "bb.id",
  backend_b: backendName("bb"),
  model_b: 'prb."modelName"',
  rater_id: "er.rater_id",
  rater_role: "u.role",
  comment: "nullif(r.comment, '')",
  status: "r.status::text",
  version: "r.version",
  created_at: iso('r."createdAt"'),
  updated_at: iso('r."updatedAt"'),
  submitted_at: iso('r."submittedAt"'),
  time_spent_ms: 'r."timeSpentMs"',
};

/**
 * The text answer columns as SQL over the answers (a) and the item's final label (adj, see
 * adjudication); value is a.value_number or a.value_text.
 */
const ANSWER_VALUES: Record<string, string> = {
  criterion: "a.criterion",
  criterion_label: "a.criterion_label",
  value_label: "a.value_label",
  note: "nullif(a.note, '')",
  final_value: "(adj.value #>> '{}')",
  final_note: "nullif(adj.note, '')",
};

/** 1 when a flagged step's flags include `flag`, 0 when not; empty on rows that are not steps. */
const flagColumn = (flag: StepFlag) =>
  `CASE WHEN a.part = 5 THEN (('+' || a.value_text || '+') LIKE ${literal(`%+${flag}+%`)})::int END`;

/** The numeric answer columns: the answer as a number (empty when it is not one), and one 0/1 column per step flag. */
const ANSWER_NUMBERS: Record<string, string> = {
  value_numeric: "a.value_number",
  ...Object.fromEntries(STEP_FLAGS.map((flag) => [`flag_${flag}`, flagColumn(flag)])),
};

/**
 * One row per (rating, answered criterion), in the export's order: by run, then rating id,
 * then the criteria in the order the rating answers them. The ratings are read, joined and
 * their columns formatted once per rating (OFFSET 0 keeps PostgreSQL from redoing that for
 * each of a rating's rows), then each is expanded into its answers. `ratingColumns` formats
 * the per-rating columns (rr); `select` makes the output row from rr and the answer (a).
 */
function tidyRowsSql(filter: RatingFilter, ratingColumns: string, select: string): string {
  return `
    SELECT ${select}
    FROM (
      SELECT ${ratingColumns}, r."runId" AS sort_run, r.id AS sort_id, qi.id AS sort_item, er.pos AS rater_pos,
             r.kind AS rating_kind,
             r.items, r."missingItems" AS missing_items, r.rubric, r.steps, r.overall, r.confidence,
             r.event_kind, r.event_value, r.event_note,
             cfg.agreement, cfg.criteria, cfg.pairwise, ${backendName("b")} AS backend_a,
             CASE WHEN prb.id IS NOT NULL THEN ${backendName("bb")} END AS backend_b_name
      FROM ${EXPORT_SOURCE} r
      LEFT JOIN queue_item qi ON qi.id = r."queueItemId"
      LEFT JOIN queue q ON q.id = qi."queueId"
      LEFT JOIN prediction_run prb ON prb.id = qi."runBId"
      LEFT JOIN backend bb ON bb.id = prb."backendId"
      JOIN prediction_run pr ON pr.id = r."runId"
      JOIN patient p ON p.id = pr."patientId"
      JOIN backend b ON b.id = pr."backendId"
      JOIN "user" u ON u.id = r."userId"
      JOIN export_rater er ON er.user_id = r."userId"
      JOIN export_config cfg ON cfg.queue_id = coalesce(qi."queueId", '')
      ${scopeWhere(filter)}
      ORDER BY r."runId", r.id
      OFFSET 0
    ) rr
    CROSS JOIN LATERAL (${answersSql()}) a
    LEFT JOIN adjudication adj ON adj."queueItemId" = rr.sort_item AND adj.criterion = a.criterion
    ORDER BY rr.sort_run, rr.sort_id, a.part, a.ord`;
}

/** The skip and flag rows' criterion, its label, and each value's label. */
const eventLabels = `(VALUES ${[
  ...Object.entries(SKIP_REASON_LABELS).map(([value, label]) => ["skip", SKIP_CRITERION_LABEL, value, label]),
  ...Object.entries(FLAG_STATE_LABELS).map(([value, label]) => ["flag", FLAG_CRITERION_LABEL, value, label]),
]
  .map((row) => `(${row.map(literal).join(", ")})`)
  .join(", ")}) AS ev(kind, criterion_label, value, label)`;

/** A rating's answers, one row each (part orders the kinds of answer, ord within a part). */
function answersSql(): string {
  const flags = `coalesce(s.step->'flags', '[]'::jsonb)`;
  const confidence = literal(JSON.stringify(scaleObject(CONFIDENCE_SCALE)));
  return `
      SELECT 0 AS part, 0::bigint AS ord, rr.event_kind AS criterion, ev.criterion_label,
             NULL::numeric AS value_number, rr.event_value AS value_text, ev.label AS value_label, rr.event_note AS note
      FROM ${eventLabels}
      WHERE ev.kind = rr.event_kind AND ev.value = rr.event_value
      UNION ALL
      SELECT 1, e.ord, 'item:' || (e.item->>'rank'),
             coalesce((SELECT pi.label FROM prediction_item pi WHERE pi."runId" = rr.sort_run AND pi.rank = (e.item->>'rank')::int), '')
               AS criterion_label,
             (e.item->>'value')::numeric, NULL,
             rr.agreement->>(e.item->>'value'), NULL
      FROM jsonb_array_elements(rr.items) WITH ORDINALITY AS e(item, ord)
      WHERE rr.rating_kind = 'agreement'
      UNION ALL
      SELECT 2, m.ord, 'missing_item:' || m.ord, 'Missing item', NULL, m.text, m.text, NULL
      FROM jsonb_array_elements_text(rr.missing_items) WITH ORDINALITY AS m(text, ord)
      WHERE rr.rating_kind = 'agreement'
      UNION ALL
      SELECT 3, 0, 'overall', 'Overall agreement', rr.overall, NULL, rr.agreement->>rr.overall::text, NULL
      WHERE rr.rating_kind = 'agreement' AND rr.overall IS NOT NULL
      UNION ALL
      SELECT 4, c.ord, c.criterion->>'key', c.criterion->>'label', (rr.rubric->>(c.criterion->>'key'))::numeric, NULL,
             c.criterion->'levels'->>(rr.rubric->>(c.criterion->>'key')), NULL
      FROM jsonb_array_elements(rr.criteria) WITH ORDINALITY AS c(criterion, ord)
      WHERE rr.rating_kind = 'rubric' AND jsonb_typeof(rr.rubric->(c.criterion->>'key')) = 'number'
      UNION ALL
      SELECT 5, s.ord, 'step:' || (s.step->>'step'), coalesce(sl.label, s.step->>'step'), NULL,
             coalesce((SELECT string_agg(f, '+' ORDER BY f COLLATE "C") FROM jsonb_array_elements_text(${flags}) f), 'none'),
             coalesce((SELECT string_agg(fl.label, ' + ' ORDER BY x.o)
                       FROM jsonb_array_elements_text(${flags}) WITH ORDINALITY x(f, o) JOIN ${flagLabels} ON fl.flag = x.f),
                      'None'),
             s.step->>'note'
      FROM jsonb_array_elements(rr.steps) WITH ORDINALITY AS s(step, ord)
      LEFT JOIN export_step sl ON sl.run_id = rr.sort_run AND sl.step_id = s.step->>'step'
      WHERE rr.rating_kind = 'rubric' AND (jsonb_array_length(${flags}) > 0 OR coalesce(s.step->>'note', '') <> '')
      UNION ALL
      SELECT 6, c.ord, c.criterion->>'key', c.criterion->>'label', NULL, rr.rubric->>(c.criterion->>'key'),
             CASE rr.rubric->>(c.criterion->>'key')
               WHEN 'A' THEN 'A: ' || rr.backend_a
               WHEN 'B' THEN coalesce('B: ' || rr.backend_b_name, 'tie')
               ELSE 'tie' END, NULL
      FROM jsonb_array_elements(rr.pairwise) WITH ORDINALITY AS c(criterion, ord)
      WHERE rr.rating_kind = 'pairwise' AND rr.rubric ? (c.criterion->>'key')
      UNION ALL
      SELECT 7, 0, 'confidence', 'Confidence', rr.confidence, NULL, ${confidence}::jsonb->>rr.confidence::text, NULL
      WHERE rr.confidence IS NOT NULL`;
}

/** The CSV rule on a text cell: formula characters first get an apostrophe; empty is missing. */
const neutralized = (text: string) =>
  `CASE ascii(${text}) WHEN 0 THEN NULL ${FORMULA_START.map((character) => `WHEN ${character.charCodeAt(0)} THEN '''' || ${text}`).join(" ")} ELSE ${text} END`;
/** A CSV field as RFC 4180 writes it (quoted when it holds a comma, quote or line break). */
const csvField = (text: string) =>
  `CASE WHEN ${text} ~ ${literal('[",\n\r]')} THEN '"' || replace(${text}, '"', '""') || '"' ELSE coalesce(${text}, '') END`;
const jsonValue = (value: string) => `coalesce(to_json(${value})::text, 'null')`;
const jsonKey = (column: string) => literal(`${JSON.stringify(column)}:`);
const isNumber = (column: string) => NUMBER_COLUMNS.has(column as never);

/** Tidy CSV: PostgreSQL's own CSV writer, one column per export column (COPY … CSV). */
export function tidyCsvSql(filter: RatingFilter): string {
  const ratingColumns = RATING_COLUMNS.map(
    (column) => `${isNumber(column) ? RATING_VALUES[column] : neutralized(RATING_VALUES[column])} AS ${column}`,
  ).join(", ");
  const select = TIDY_COLUMNS.map((column) => {
    if (column === "value") return `coalesce(a.value_number::text, ${neutralized("a.value_text")})`;
    if (column in ANSWER_NUMBERS) return `(${ANSWER_NUMBERS[column]})::text`;
    if (column in ANSWER_VALUES) return neutralized(ANSWER_VALUES[column]);
    return `rr.${column}`;
  }).join(", ");
  return tidyRowsSql(filter, ratingColumns, select);
}

/** Tidy JSON Lines: one text column, the line (COPY … BINARY, see copy-lines.ts). */
export function tidyJsonlSql(filter: RatingFilter): string {
  // Each rating's JSON before and after its answer columns is made once per rating.
  const firstAnswer = TIDY_COLUMNS.indexOf(FIRST_ANSWER_COLUMN);
  const lastAnswer = TIDY_COLUMNS.indexOf(LAST_ANSWER_COLUMN);
  const pairs = (columns: readonly string[], value: (column: string) => string) =>
    columns.map((column) => `${jsonKey(column)} || ${value(column)}`).join(" || ',' || ");
  const ratingJson = (column: string) => jsonValue(RATING_VALUES[column]);
  const ratingColumns = `'{' || ${pairs(TIDY_COLUMNS.slice(0, firstAnswer), ratingJson)} || ',' AS json_head,
    ',' || ${pairs(TIDY_COLUMNS.slice(lastAnswer + 1), ratingJson)} || '}' AS json_tail`;
  const answerJson = (column: string) => {
    if (column === "value") return `coalesce(to_json(a.value_number)::text, ${jsonValue("a.value_text")})`;
    if (column === "final_value") return `coalesce(adj.value::text, 'null')`;
    if (column in ANSWER_NUMBERS) return jsonValue(ANSWER_NUMBERS[column]);
    return jsonValue(ANSWER_VALUES[column]);
  };
  const select = `rr.json_head || ${pairs(TIDY_COLUMNS.slice(firstAnswer, lastAnswer + 1), answerJson)} || rr.json_tail`;
  return tidyRowsSql(filter, ratingColumns, select);
}

/**
 * Wide rows: one per (item, run, kind, criterion), each rater's value under their column
 * (export_rater.pos, in the order of the rater columns). Within a run: by item id, then
 * predicted items and missing items by number, the other criteria, flagged steps, and
 * confidence last; ties in the order the tidy export first meets them.
 */
export function wideSql(filter: RatingFilter, format: ExportFormat): string {
  const ratingColumns = RATING_COLUMNS.map((column) => `${RATING_VALUES[column]} AS ${column}`).join(", ");
  const tidyColumns = ITEM_COLUMNS.map((column) =>
    column in ANSWER_VALUES ? `${ANSWER_VALUES[column]} AS ${column}` : `rr.${column}`,
  ).join(", ");
  const tidy = tidyRowsSql(
    filter,
    ratingColumns,
    `${tidyColumns}, a.value_number, a.value_text, rr.rater_pos,
     row_number() OVER (ORDER BY rr.sort_run, rr.sort_id, a.part, a.ord) AS seq`,
  );
  const cell =
    format === "csv"
      ? `to_jsonb(coalesce(t.value_number::text, ${csvField(neutralized("t.value_text"))}))`
      : `coalesce(to_jsonb(t.value_number), to_jsonb(t.value_text))`;
  const itemColumns = ITEM_COLUMNS.map((column) => `t.${column}`).join(", ");
  const prefix = `split_part(t.criterion, ':', 1)`;
  const number = `split_part(t.criterion, ':', 2)`;
  const raterCells =
    format === "csv"
      ? `(SELECT string_agg(coalesce(w.cells->>er.pos::text, ''), ',' ORDER BY er.pos) FROM export_rater er)`
      : `(SELECT string_agg(to_json(er.column_name)::text || ':' || coalesce((w.cells->er.pos::text)::text, 'null'), ',' ORDER BY er.pos)
          FROM export_rater er)`;
  const itemCells =
    format === "csv"
      ? ITEM_COLUMNS.map((column) =>
          isNumber(column) ? `coalesce(w.${column}::text, '')` : csvField(neutralized(`w.${column}`)),
        ).join(" || ',' || ")
      : ITEM_COLUMNS.map((column) => `${jsonKey(column)} || ${jsonValue(`w.${column}`)}`).join(" || ',' || ");
  const line =
    format === "csv" ? `${itemCells} || ',' || ${raterCells}` : `'{' || ${itemCells} || ',' || ${raterCells} || '}'`;
  return `
    SELECT ${line} FROM (
      SELECT ${itemColumns}, jsonb_object_agg(t.rater_pos::text, ${cell}) AS cells, min(t.seq) AS first_seq,
             CASE ${prefix} WHEN 'item' THEN 0 WHEN 'missing_item' THEN 1 WHEN 'step' THEN 3 WHEN 'confidence' THEN 4 ELSE 2 END AS grp,
             CASE WHEN ${prefix} IN ('item', 'missing_item') AND ${number} ~ '^[0-9]{1,9}$' THEN ${number}::int ELSE 0 END AS num
      FROM (${tidy}) t
      GROUP BY ${itemColumns}
    ) w
    ORDER BY w.run_id, w.item_id COLLATE "C" NULLS LAST, w.grp, w.num, w.first_seq`;
}
