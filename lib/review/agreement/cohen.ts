// Cohen's kappa for two raters (Cohen 1960), optionally weighted for ordered categories
// (Cohen 1968), and the rater-by-rater matrix of pairwise kappas.
import type { KappaWeights, Rating, RatingMatrix, Value } from "./types";
import { categoryIndex, column, isMissing, raterCount } from "./values";

export type CohenOptions = {
  weights?: KappaWeights;
  /**
   * The scale, in order. Declaring it (a) rejects ratings outside the scale and (b) for
   * weighted kappa places the categories at equal steps 0, 1, …, k−1 by position, so an
   * intermediate category nobody used still counts as a step. Without it, numeric ratings are
   * placed at their own values and string ratings cannot be weighted (no order is known).
   */
  categories?: readonly Value[];
};

export type CohenKappa = {
  /** (pₒ − pₑ) / (1 − pₑ); NaN when undefined (see `kappaFromAgreement`). */
  kappa: number;
  /** Observed (weighted) agreement pₒ. */
  observed: number;
  /** Chance-expected (weighted) agreement pₑ from the two raters' own marginals. */
  expected: number;
  /** Units rated by both raters (units where either is missing are dropped). */
  n: number;
  categories: Value[];
  /** Counts: table[i][j] = units rater A put in categories[i] and rater B in categories[j]. */
  table: number[][];
};

// Below this, 1 − pₑ is treated as zero: pₑ is a sum of products, and a value that should be
// exactly 1 can come out as 0.9999999999999998.
const EPSILON = 1e-12;

/**
 * κ = (pₒ − pₑ) / (1 − pₑ).
 *
 * When pₑ = 1 both raters put every unit in one and the same category, so pₒ = 1 too and κ is
 * 0/0. We return NaN rather than 1: kappa measures agreement beyond chance, and when chance
 * alone already predicts every rating there is no evidence either way (Cohen 1960 defines κ
 * only for pₑ < 1). Callers should show "undefined (no variation)" next to the raw percent
 * agreement, which is 100% in that case.
 */
export function kappaFromAgreement(observed: number, expected: number): number {
  if (!(1 - expected > EPSILON)) return NaN;
  return (observed - expected) / (1 - expected);
}

/**
 * Agreement weight matrix for the given category scores. Linear: 1 − |sᵢ − sⱼ| / range;
 * quadratic: 1 − (sᵢ − sⱼ)² / range² (Cicchetti & Allison 1971; Fleiss & Cohen 1973). With
 * scores 0…k−1 these are the usual 1 − |i − j|/(k − 1) weights (as in R vcd::Kappa).
 */
export function kappaWeightMatrix(scores: readonly number[], weights: KappaWeights): number[][] {
  const k = scores.length;
  const range = k === 0 ? 0 : Math.max(...scores) - Math.min(...scores);
  return scores.map((si, i) =>
    scores.map((sj, j) => {
      if (weights === "none" || range === 0) return i === j ? 1 : 0;
      const d = Math.abs(si - sj) / range;
      return weights === "linear" ? 1 - d : 1 - d * d;
    }),
  );
}

export type TableKappa = { kappa: number; observed: number; expected: number; n: number };

/**
 * Kappa from a k × k contingency table of counts (rows rater A, columns rater B). Exposed so
 * published confusion tables can be checked directly. `scores` default to 0…k−1.
 */
export function cohenKappaFromTable(
  table: readonly (readonly number[])[],
  options: { weights?: KappaWeights; scores?: readonly number[] } = {},
): TableKappa {
  const k = table.length;
  for (const row of table) {
    if (row.length !== k) throw new Error("cohenKappaFromTable: table must be square");
  }
  const scores = options.scores ?? table.map((_, i) => i);
  if (scores.length !== k) throw new Error("cohenKappaFromTable: one score per category");
  const w = kappaWeightMatrix(scores, options.weights ?? "none");
  const rowSums = table.map((row) => row.reduce((s, x) => s + x, 0));
  const colSums = table.map((_, j) => table.reduce((s, row) => s + row[j], 0));
  const n = rowSums.reduce((s, x) => s + x, 0);
  if (n === 0) return { kappa: NaN, observed: NaN, expected: NaN, n: 0 };
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      observed += (w[i][j] * table[i][j]) / n;
      expected += (w[i][j] * rowSums[i] * colSums[j]) / (n * n);
    }
  }
  return { kappa: kappaFromAgreement(observed, expected), observed, expected, n };
}

/** Scores that place categories on the weighting scale; see CohenOptions.categories. */
function categoryScores(categories: readonly Value[], declared: boolean, weights: KappaWeights): number[] {
  if (weights === "none" || declared) return categories.map((_, i) => i);
  if (categories.every((c): c is number => typeof c === "number")) return [...categories];
  throw new Error("cohenKappa: weighted kappa needs ordered categories; pass `categories` for non-numeric ratings");
}

/**
 * Cohen's kappa between two raters' ratings of the same units (index i = unit i). Units where
 * either rating is missing are dropped, which is the standard complete-case treatment; with no
 * unit left every figure is NaN and n = 0.
 */
export function cohenKappa(a: readonly Rating[], b: readonly Rating[], options: CohenOptions = {}): CohenKappa {
  if (a.length !== b.length) {
    throw new Error(`cohenKappa: rater vectors differ in length (${a.length} vs ${b.length})`);
  }
  const weights = options.weights ?? "none";
  const pairs: [Value, Value][] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!isMissing(x) && !isMissing(y)) pairs.push([x, y]);
  }
  const { categories, index } = categoryIndex(
    pairs.map(([x, y]) => [x, y]),
    options.categories,
  );
  const scores = categoryScores(categories, options.categories !== undefined, weights);
  const table = categories.map(() => categories.map(() => 0));
  for (const [x, y] of pairs) table[index.get(x)!][index.get(y)!] += 1;
  const result = cohenKappaFromTable(table, { weights, scores });
  return { ...result, categories, table };
}

export type CohenKappaMatrix = {
  /** kappa[r][s] between rater columns r and s (symmetric); diagonal is 1, or NaN for a rater with no variation. */
  kappa: number[][];
  /** Units both raters rated; kappa is NaN where this is 0. */
  n: number[][];
};

/**
 * Pairwise Cohen's kappa for every pair of rater columns. Useful to spot the one clinician who
 * disagrees with everybody, which a single multi-rater coefficient hides.
 */
export function cohenKappaMatrix(matrix: RatingMatrix, options: CohenOptions = {}): CohenKappaMatrix {
  const r = raterCount(matrix);
  const columns = Array.from({ length: r }, (_, i) => column(matrix, i));
  const kappa = columns.map(() => columns.map(() => NaN));
  const n = columns.map(() => columns.map(() => 0));
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      const result = cohenKappa(columns[i], columns[j], options);
      kappa[i][j] = kappa[j][i] = result.kappa;
      n[i][j] = n[j][i] = result.n;
    }
  }
  return { kappa, n };
}
