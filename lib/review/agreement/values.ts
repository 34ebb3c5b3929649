// Small helpers shared by the statistics: what counts as missing, how categories are
// collected and ordered, and how a matrix is validated. One place, so that every statistic
// agrees on these decisions.
import type { Rating, RatingMatrix, Value } from "./types";

/** null, undefined and NaN are missing; everything else (including "" and 0) is a rating. */
export function isMissing(value: Rating): value is null | undefined {
  return value === null || value === undefined || (typeof value === "number" && Number.isNaN(value));
}

/** The present ratings of one unit, in rater order. */
export function presentValues(row: readonly Rating[]): Value[] {
  const out: Value[] = [];
  for (const v of row) if (!isMissing(v)) out.push(v);
  return out;
}

/**
 * Deterministic category order when the caller gives none: numbers ascending, then strings
 * in code-unit order. Deterministic so that result tables (per-category kappas, confusion
 * matrices) do not depend on which unit happened to come first.
 */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Distinct present values of a matrix (or several vectors), sorted with compareValues. */
export function observedCategories(rows: readonly (readonly Rating[])[]): Value[] {
  const seen = new Set<Value>();
  for (const row of rows) for (const v of row) if (!isMissing(v)) seen.add(v);
  return [...seen].sort(compareValues);
}

/**
 * Index of each category. When the caller supplies `categories`, every observed value must be
 * one of them: a value outside the declared scale is a data error we refuse to guess about.
 */
export function categoryIndex(
  rows: readonly (readonly Rating[])[],
  categories: readonly Value[] | undefined,
): { categories: Value[]; index: Map<Value, number> } {
  const list = categories ? [...categories] : observedCategories(rows);
  const index = new Map<Value, number>();
  list.forEach((c, i) => {
    if (isMissing(c)) throw new Error("agreement: categories must not contain missing values");
    if (index.has(c)) throw new Error(`agreement: duplicate category ${JSON.stringify(c)}`);
    index.set(c, i);
  });
  if (categories) {
    for (const row of rows) {
      for (const v of row) {
        if (!isMissing(v) && !index.has(v)) {
          throw new Error(`agreement: rating ${JSON.stringify(v)} is not one of the given categories`);
        }
      }
    }
  }
  return { categories: list, index };
}

/** Number of rater columns; ragged rows are allowed and treated as missing at the end. */
export function raterCount(matrix: RatingMatrix): number {
  let n = 0;
  for (const row of matrix) n = Math.max(n, row.length);
  return n;
}

/** Column `r` of the matrix, with short rows read as missing. */
export function column(matrix: RatingMatrix, r: number): Rating[] {
  return matrix.map((row) => (r < row.length ? row[r] : null));
}
