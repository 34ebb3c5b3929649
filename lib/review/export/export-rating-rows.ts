// The export's rows as an async stream, pulled page by page: the tidy layout straight from
// tidyRowsOf, or the wide layout pivoted one run at a time (a run's ratings are adjacent in
// the page order, so only one run's rows are ever held).
import { db } from "../../db";
import { ITEM_COLUMNS, type Cell, type TidyRow } from "./export-columns";
import { readRatingPages, ratingWhere, type RatingFilter } from "./read-rating-pages";
import { tidyRowsOf } from "./tidy-rows";

export type RowOptions = RatingFilter & { raterId: (userId: string) => string; pageSize?: number };

export async function* tidyRows(options: RowOptions): AsyncGenerator<TidyRow> {
  for await (const page of readRatingPages(options, options.pageSize)) {
    for (const entry of page) yield* tidyRowsOf(entry, options.raterId);
  }
}

/** The rater columns of the wide layout, in a stable order (by exported id). */
export async function wideRaterColumns(options: RowOptions): Promise<string[]> {
  const raters = await db.rating.findMany({
    where: ratingWhere(options),
    distinct: ["userId"],
    select: { userId: true },
  });
  return raters.map((rater) => options.raterId(rater.userId)).sort();
}

const wideKey = (row: TidyRow) => [row.item_id, row.run_id, row.kind, row.criterion].join("\u0000");

/**
 * Wide rows of one run in a fixed order whichever rater came first: predicted items and
 * missing items by number, then overall and the rubric or pairwise criteria (in the order
 * raters answered them, which is the queue's), flagged steps, and confidence last.
 */
function criterionOrder(criterion: string): [number, number] {
  const [prefix, suffix] = criterion.split(":");
  const group = { item: 0, missing_item: 1, step: 3, confidence: 4 }[prefix] ?? 2;
  return [group, group <= 1 ? Number(suffix) : 0];
}

function byCriterion(a: Record<string, Cell>, b: Record<string, Cell>): number {
  const [groupA, numberA] = criterionOrder(String(a.criterion));
  const [groupB, numberB] = criterionOrder(String(b.criterion));
  return String(a.item_id).localeCompare(String(b.item_id)) || groupA - groupB || numberA - numberB;
}

/** Rows keyed by (item, run, kind, criterion); the value of each rater in their own column. */
export async function* wideRows(options: RowOptions): AsyncGenerator<Record<string, Cell>> {
  let runId: Cell = null;
  let group = new Map<string, Record<string, Cell>>();
  const flush = function* () {
    yield* [...group.values()].sort(byCriterion);
    group = new Map();
  };
  for await (const row of tidyRows(options)) {
    if (row.run_id !== runId) {
      yield* flush();
      runId = row.run_id;
    }
    const key = wideKey(row);
    let wide = group.get(key);
    if (!wide) {
      wide = Object.fromEntries(ITEM_COLUMNS.map((column) => [column, row[column]]));
      group.set(key, wide);
    }
    wide[row.rater_id as string] = row.value;
  }
  yield* flush();
}
