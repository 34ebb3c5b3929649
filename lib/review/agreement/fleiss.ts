// Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters"):
// agreement among a fixed number n of raters per unit, nominal categories, where the raters
// need not be the same people from unit to unit.
import type { RatingMatrix, Value } from "./types";
import { categoryIndex, presentValues, raterCount } from "./values";

export type FleissOptions = {
  /** Declared scale; only changes the order and length of `perCategory` (unused → NaN). */
  categories?: readonly Value[];
  /**
   * The fixed n. Defaults to the number of rater columns. Units with any other number of
   * present ratings are dropped (see fleissKappa). Set it when the matrix has one column per
   * clinician but each unit was rated by a different subset of exactly n of them.
   */
  ratersPerUnit?: number;
};

export type FleissKappa = {
  /** (P̄ − P̄ₑ) / (1 − P̄ₑ); NaN when undefined. */
  kappa: number;
  /** P̄: mean over units of the proportion of agreeing rater pairs. */
  observed: number;
  /** P̄ₑ = Σⱼ pⱼ². */
  expected: number;
  /** Units used (N), the fixed raters per unit (n), and units dropped for another count. */
  units: number;
  ratersPerUnit: number;
  droppedUnits: number;
  categories: Value[];
  /** pⱼ: share of all assignments that went to category j. */
  proportions: number[];
  /**
   * κⱼ = 1 − Σᵢ nᵢⱼ(n − nᵢⱼ) / (N n (n − 1) pⱼ qⱼ) (Fleiss 1971): agreement on "category j vs
   * the rest". NaN for a category nobody (or everybody) used, where pⱼqⱼ = 0. The overall κ is
   * the pⱼqⱼ-weighted mean of these.
   */
  perCategory: number[];
};

const EPSILON = 1e-12;

/**
 * Fleiss' kappa from a units × categories table of counts nᵢⱼ (how many raters put unit i in
 * category j), the layout of Fleiss (1971) and of most textbook examples. Every row must sum
 * to the same n ≥ 2.
 */
export function fleissKappaFromCounts(
  counts: readonly (readonly number[])[],
  categories?: readonly Value[],
): FleissKappa {
  const k = categories?.length ?? counts[0]?.length ?? 0;
  const cats = categories ? [...categories] : Array.from({ length: k }, (_, j) => j);
  const N = counts.length;
  const n = N === 0 ? 0 : counts[0].reduce((s, x) => s + x, 0);
  for (const row of counts) {
    if (row.length !== k) throw new Error("fleissKappaFromCounts: every row needs one count per category");
    if (row.reduce((s, x) => s + x, 0) !== n) {
      throw new Error("fleissKappaFromCounts: every unit must have the same number of ratings");
    }
  }
  const empty: FleissKappa = {
    kappa: NaN,
    observed: NaN,
    expected: NaN,
    units: N,
    ratersPerUnit: n,
    droppedUnits: 0,
    categories: cats,
    proportions: cats.map(() => NaN),
    perCategory: cats.map(() => NaN),
  };
  // With fewer than two ratings per unit there is no pair to agree or disagree.
  if (N === 0 || n < 2) return empty;

  const proportions = cats.map((_, j) => counts.reduce((s, row) => s + row[j], 0) / (N * n));
  let observed = 0;
  for (const row of counts) {
    let agreeing = 0;
    for (const c of row) agreeing += c * (c - 1);
    observed += agreeing / (n * (n - 1));
  }
  observed /= N;
  const expected = proportions.reduce((s, p) => s + p * p, 0);
  const kappa = 1 - expected > EPSILON ? (observed - expected) / (1 - expected) : NaN;

  const perCategory = proportions.map((p, j) => {
    const pq = p * (1 - p);
    if (!(pq > EPSILON)) return NaN;
    const disagreement = counts.reduce((s, row) => s + row[j] * (n - row[j]), 0);
    return 1 - disagreement / (N * n * (n - 1) * pq);
  });

  return { ...empty, kappa, observed, expected, proportions, perCategory };
}

/**
 * Fleiss' kappa from a units × raters matrix.
 *
 * Missing ratings: Fleiss' formulas assume exactly n ratings per unit, so units with any other
 * number of present ratings are DROPPED (complete-case analysis) and counted in
 * `droppedUnits`. Dropping, rather than rescaling per unit, keeps the published formula and its
 * published results; for incomplete designs prefer krippendorffAlpha, which uses every
 * pairable rating.
 *
 * Undefined cases, returned as NaN: no complete unit, n < 2, or every rating in one category
 * (P̄ₑ = 1, the same 0/0 as Cohen's kappa; see kappaFromAgreement in cohen.ts).
 */
export function fleissKappa(matrix: RatingMatrix, options: FleissOptions = {}): FleissKappa {
  const n = options.ratersPerUnit ?? raterCount(matrix);
  // Validate every rating against a declared scale, including those in dropped units.
  if (options.categories) categoryIndex(matrix, options.categories);
  const complete = matrix.map(presentValues).filter((values) => values.length === n);
  const { categories, index } = categoryIndex(complete, options.categories);
  const counts = complete.map((values) => {
    const row = categories.map(() => 0);
    for (const v of values) row[index.get(v)!] += 1;
    return row;
  });
  const result = fleissKappaFromCounts(counts, categories);
  return { ...result, ratersPerUnit: n, droppedUnits: matrix.length - complete.length };
}
