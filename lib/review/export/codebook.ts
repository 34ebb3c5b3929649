// The codebook that goes with a ratings export: every column (type, meaning), the wide
// layout's rater columns (which rater id and role each holds), and every criterion of the
// queues in scope with its values and their labels, so a statistician can load the export
// without reading the app. Served as codebook.json and as a CSV data dictionary; it takes
// the export's own query, so the rater columns match the export asked for with the same
// parameters (a pseudonymous export matches only when both name the same salt).
import "server-only";
import { stringify } from "csv-stringify/sync";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import {
  CONFIDENCE_SCALE,
  DEFAULT_QUEUE_CONFIG,
  STEP_FLAG_LABELS,
  STEP_FLAGS,
  parseQueueConfig,
  type QueueConfig,
  type ReviewKind,
  type ScaleLevel,
} from "../queue-config";
import { SKIP_REASON_LABELS } from "../skip-queue-item.types";
import {
  COLUMN_DOCS,
  FLAG_CRITERION_LABEL,
  FLAG_STATE_LABELS,
  ITEM_COLUMNS,
  SKIP_CRITERION_LABEL,
  TIDY_COLUMNS,
  type ColumnType,
} from "./export-columns";
import { ratingsInScope } from "./export-sql";
import type { ExportQuery } from "./export-ratings.types";
import { pseudonymizer } from "./pseudonymize";
import { raterColumnNames } from "./rater-columns";

export type CodebookValue = { value: number | string; label: string; definition: string };

export type CodebookCriterion = {
  queueId: string | null;
  queueName: string | null;
  kind: ReviewKind;
  /** As in the export's criterion column; <rank>, <n> and <step id> stand for numbers and ids. */
  criterion: string;
  label: string;
  /** ordinal: values in order, worst first; nominal: unordered; text: free text; flags: a set of flags. */
  level: "ordinal" | "nominal" | "text" | "flags";
  values: CodebookValue[];
};

export type Codebook = {
  export: { queueId: string | null; layout: "tidy" | "wide"; include: "submitted" | "all"; pseudonymous: boolean };
  columns: { name: string; layouts: ("tidy" | "wide")[]; type: ColumnType; description: string }[];
  raterColumns: { column: string; raterId: string; roles: string }[];
  criteria: CodebookCriterion[];
  notes: string[];
};

const scaleValues = (levels: readonly ScaleLevel[]): CodebookValue[] =>
  levels.map((level) => ({ value: level.value, label: level.label, definition: level.definition }));

/** The criteria a queue's ratings answer, in the export's order. */
export function queueCriteria(
  queue: { id: string; name: string; kind: ReviewKind } | null,
  config: QueueConfig,
): CodebookCriterion[] {
  const base = { queueId: queue?.id ?? null, queueName: queue?.name ?? null };
  const kind = queue?.kind ?? "agreement";
  const confidence: CodebookCriterion = {
    ...base,
    kind,
    criterion: "confidence",
    label: "Confidence",
    level: "ordinal",
    values: scaleValues(CONFIDENCE_SCALE),
  };
  if (kind === "agreement") {
    const scale = scaleValues(config.agreementScale);
    return [
      { ...base, kind, criterion: "item:<rank>", label: "Predicted item <rank>", level: "ordinal", values: scale },
      { ...base, kind, criterion: "missing_item:<n>", label: "Missing item", level: "text", values: [] },
      { ...base, kind, criterion: "overall", label: "Overall agreement", level: "ordinal", values: scale },
      confidence,
    ];
  }
  if (kind === "rubric") {
    return [
      ...config.criteria.map((criterion) => ({
        ...base,
        kind,
        criterion: criterion.key,
        label: criterion.label,
        level: "ordinal" as const,
        values: scaleValues(criterion.levels),
      })),
      ...(config.stepFlags
        ? [
            {
              ...base,
              kind,
              criterion: "step:<step id>",
              label: "Reasoning step (section: text)",
              level: "flags" as const,
              values: [
                ...STEP_FLAGS.map((flag) => ({ value: flag, label: STEP_FLAG_LABELS[flag], definition: "" })),
                { value: "none", label: "None", definition: "No flag, only a note." },
              ],
            },
          ]
        : []),
      confidence,
    ];
  }
  const sides: CodebookValue[] = [
    { value: "A", label: "Run A better", definition: "run_id (backend_id) is better." },
    { value: "B", label: "Run B better", definition: "run_b_id (backend_b_id) is better." },
    { value: "tie", label: "Tie", definition: "Neither is better." },
  ];
  return [
    ...config.pairwiseCriteria.map((criterion) => ({
      ...base,
      kind,
      criterion: criterion.key,
      label: criterion.label,
      level: "nominal" as const,
      values: sides,
    })),
    confidence,
  ];
}

function ratingsWhere(query: ExportQuery): Prisma.RatingWhereInput {
  return {
    ...(query.queue ? { queueItem: { queueId: query.queue } } : {}),
    ...(query.include === "all" ? {} : { status: "submitted" }),
  };
}

/** The skip and flag rows every queue's export may hold (export-sql.ts's EXPORT_SOURCE). */
function eventCriteria(queue: { id: string; name: string; kind: ReviewKind }): CodebookCriterion[] {
  const base = { queueId: queue.id, queueName: queue.name, kind: queue.kind, level: "nominal" as const };
  return [
    {
      ...base,
      criterion: "skip",
      label: SKIP_CRITERION_LABEL,
      values: Object.entries(SKIP_REASON_LABELS).map(([value, label]) => ({
        value,
        label,
        definition: "The rater declined the item (status skipped): a missing rating; note holds their words.",
      })),
    },
    {
      ...base,
      criterion: "flag",
      label: FLAG_CRITERION_LABEL,
      values: Object.entries(FLAG_STATE_LABELS).map(([value, label]) => ({
        value,
        label,
        definition:
          value === "open"
            ? "A note for the study lead (status flagged), not yet resolved; not a rating."
            : "A note for the study lead that the study lead marked resolved (updated_at: when).",
      })),
    },
  ];
}

export async function buildCodebook(query: ExportQuery): Promise<Codebook> {
  const where = ratingsWhere(query);
  const filter = { queueId: query.queue, includeDrafts: query.include === "all" };
  const [queues, raterRows, outsideQueues] = await Promise.all([
    db.queue.findMany({
      where: query.queue
        ? { id: query.queue }
        : {
            items: {
              some: {
                OR: [
                  { ratings: { some: where } },
                  { assignments: { some: { status: "skipped" } } },
                  { flags: { some: {} } },
                ],
              },
            },
          },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, kind: true, rubric: true },
    }),
    // The export's own scope (ratings, skips, flags), so the rater columns are the export's.
    db.$queryRawUnsafe<{ userId: string; role: string }[]>(
      `SELECT s."userId", u.role FROM (SELECT DISTINCT r."userId" FROM ${ratingsInScope(filter)}) s
       JOIN "user" u ON u.id = s."userId"`,
    ),
    query.queue ? Promise.resolve(0) : db.rating.count({ where: { ...where, queueItemId: null } }),
  ]);
  const raterId = query.pseudonymize && query.salt ? pseudonymizer(query.salt) : (userId: string) => userId;
  const raters = raterRows
    .map((user) => ({ userId: user.userId, raterId: raterId(user.userId), roles: user.role }))
    .sort((a, b) => (a.raterId < b.raterId ? -1 : a.raterId > b.raterId ? 1 : 0));
  // A pseudonymous export without a salt gets a fresh one: its pseudonyms cannot be listed here.
  const listsRaters = !query.pseudonymize || Boolean(query.salt);
  const names = raterColumnNames(raters, query.pseudonymize);
  return {
    export: {
      queueId: query.queue ?? null,
      layout: query.layout,
      include: query.include,
      pseudonymous: query.pseudonymize,
    },
    columns: TIDY_COLUMNS.map((name) => ({
      name,
      layouts: (ITEM_COLUMNS as readonly string[]).includes(name) ? ["tidy", "wide"] : ["tidy"],
      ...COLUMN_DOCS[name],
    })),
    raterColumns: listsRaters
      ? raters.map((rater, index) => ({ column: names[index], raterId: rater.raterId, roles: rater.roles }))
      : [],
    criteria: [
      ...queues.flatMap((queue) => [...queueCriteria(queue, parseQueueConfig(queue.rubric)), ...eventCriteria(queue)]),
      ...(outsideQueues ? queueCriteria(null, DEFAULT_QUEUE_CONFIG) : []),
    ],
    notes: [
      "One file per export: UTF-8 without byte-order mark, a header row, RFC 4180 quoting, timestamps in ISO 8601 UTC.",
      "A missing value is an empty cell (JSONL: null). Unanswered criteria and unflagged steps have no row.",
      "A skipped item has no rating: it is one row with status skipped and criterion skip (value: the reason). A flag for the study lead is one row with status flagged and criterion flag (value: open or resolved, note: its text). Keep status = submitted for ratings only.",
      "Wide layout: skip and flag rows are rows with criterion skip or flag; a rater's several flags on one item show as the last.",
      "CSV text cells starting with = + - @ tab or carriage return are prefixed with an apostrophe ('); numbers never are.",
      "Wide layout: one row per item and criterion; each rater's value in their column (see raterColumns).",
      ...(listsRaters ? [] : ["Pseudonymous export without a salt: pass the export's salt to list its rater columns."]),
    ],
  };
}

/** The data dictionary as CSV: one row per column, rater column and criterion value. */
export function codebookCsv(codebook: Codebook): string {
  const rows: (string | number)[][] = [["section", "queue_id", "name", "type", "value", "label", "description"]];
  for (const column of codebook.columns) {
    rows.push(["column", "", column.name, column.type, "", column.layouts.join("+"), column.description]);
  }
  for (const rater of codebook.raterColumns) {
    rows.push([
      "rater_column",
      "",
      rater.column,
      "wide",
      rater.raterId,
      rater.roles,
      "A rater's values (wide layout).",
    ]);
  }
  for (const criterion of codebook.criteria) {
    const queueId = criterion.queueId ?? "";
    rows.push(["criterion", queueId, criterion.criterion, criterion.level, "", criterion.label, criterion.kind]);
    for (const value of criterion.values) {
      rows.push(["level", queueId, criterion.criterion, criterion.level, value.value, value.label, value.definition]);
    }
  }
  // The same rule as the export: text a spreadsheet would run as a formula gets an apostrophe.
  return stringify(
    rows.map((row) => row.map((cell) => (typeof cell === "string" && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))),
  );
}
