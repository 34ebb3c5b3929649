// Krippendorff's alpha by the coincidence-matrix method of Krippendorff (2011), "Computing
// Krippendorff's Alpha-Reliability" (Annenberg School for Communication, Departmental Papers
// 43). Chosen as the main reliability figure because it accepts any number of raters, missing
// ratings, and nominal, ordinal, interval or ratio scales with one definition.
import type { Level, RatingMatrix, Value } from "./types";
import { categoryIndex, presentValues } from "./values";

export type KrippendorffOptions = {
  /**
   * Declared scale. Nominal: only validates. Ordinal: gives the ORDER (required for string
   * ratings; numeric ratings default to numeric order). Interval: an all-numeric scale is used
   * as numbers; a scale with strings is placed at positions 0…k−1 (equal spacing), which is an
   * assumption the caller makes by choosing "interval" for labelled categories.
   */
  categories?: readonly Value[];
};

export type KrippendorffAlpha = {
  /** 1 − Dₒ/Dₑ; NaN when undefined (see krippendorffAlpha). */
  alpha: number;
  /** Dₒ = (1/n) Σ_c Σ_k o_ck δ²_ck. */
  observedDisagreement: number;
  /** Dₑ = 1/(n(n−1)) Σ_c Σ_k n_c n_k δ²_ck. */
  expectedDisagreement: number;
  /** n: pairable values (ratings in units with ≥ 2 ratings), and the number of such units. */
  pairableValues: number;
  units: number;
  /** The values in scale order, with coincidences[c][k] = o_ck and the marginals n_c. */
  values: Value[];
  coincidences: number[][];
  marginals: number[];
};

/** Numeric positions for the interval metric; see KrippendorffOptions.categories. */
function intervalScores(values: readonly Value[], declared: boolean): number[] {
  if (values.every((v): v is number => typeof v === "number")) return [...values];
  if (declared) return values.map((_, i) => i);
  throw new Error("krippendorffAlpha: interval data must be numeric, or pass `categories` to space them");
}

/**
 * δ²_ck for the level (Krippendorff 2011, "difference functions"):
 * nominal 0/1; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)², using the marginals so that a step
 * over a heavily used category counts more; interval (c − k)²; ratio ((c − k)/(c + k))².
 */
function differenceMatrix(
  level: Level,
  values: readonly Value[],
  marginals: readonly number[],
  declared: boolean,
): number[][] {
  const v = values.length;
  if (level === "nominal") {
    return values.map((_, c) => values.map((_, k) => (c === k ? 0 : 1)));
  }
  if (level === "ordinal") {
    // prefix[i] = n_0 + … + n_{i−1}, so Σ_{g=c..k} n_g = prefix[k+1] − prefix[c] for c ≤ k.
    const prefix = [0];
    for (let i = 0; i < v; i++) prefix.push(prefix[i] + marginals[i]);
    return values.map((_, c) =>
      values.map((_, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const d = prefix[hi + 1] - prefix[lo] - (marginals[lo] + marginals[hi]) / 2;
        return d * d;
      }),
    );
  }
  if (level === "interval") {
    const scores = intervalScores(values, declared);
    return scores.map((c) => scores.map((k) => (c - k) * (c - k)));
  }
  if (level === "ratio") {
    const scores = ratioScores(values);
    // ((c − k)/(c + k))²; two zeros are the same value (0/0 taken as no difference).
    return scores.map((c) => scores.map((k) => (c + k === 0 ? 0 : ((c - k) / (c + k)) ** 2)));
  }
  // A level this function does not know must not fall back to another one's figure.
  throw new Error(`krippendorffAlpha: unknown level of measurement "${String(level)}"`);
}

/** Ratio data are non-negative numbers: zero means "none", so positions cannot be assumed. */
function ratioScores(values: readonly Value[]): number[] {
  if (!values.every((v): v is number => typeof v === "number" && v >= 0)) {
    throw new Error("krippendorffAlpha: ratio data must be non-negative numbers");
  }
  return [...values];
}

/**
 * Krippendorff's alpha, α = 1 − Dₒ/Dₑ = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 *
 * Missing ratings are simply absent from their unit; a unit with fewer than two ratings has no
 * pair and is left out (its lone value is not "pairable"), exactly as in Krippendorff (2011).
 *
 * Undefined cases, returned as NaN (α = 0/0): no unit with two ratings, or no variation at all
 * among the pairable values (Dₑ = 0, e.g. every clinician always says "correct"). Reporting
 * α = 1 there would claim a reliability the data cannot show: with one value in use, raters
 * have demonstrated no ability to discriminate between units.
 */
export function krippendorffAlpha(
  matrix: RatingMatrix,
  level: Level,
  options: KrippendorffOptions = {},
): KrippendorffAlpha {
  const declared = options.categories !== undefined;
  if (level === "ordinal" && !declared) {
    for (const row of matrix) {
      for (const v of presentValues(row)) {
        if (typeof v !== "number") {
          throw new Error("krippendorffAlpha: ordinal string ratings need `categories` to give their order");
        }
      }
    }
  }
  const { categories: values, index } = categoryIndex(matrix, options.categories);
  const v = values.length;
  const coincidences = values.map(() => values.map(() => 0));
  let units = 0;
  for (const row of matrix) {
    const present = presentValues(row);
    const m = present.length;
    if (m < 2) continue;
    units += 1;
    const counts = values.map(() => 0);
    for (const x of present) counts[index.get(x)!] += 1;
    // Each of the m(m−1) ordered pairs of ratings from different raters adds 1/(m−1), so
    // every pairable value contributes exactly 1 to the matrix whatever m is.
    for (let c = 0; c < v; c++) {
      if (counts[c] === 0) continue;
      for (let k = 0; k < v; k++) {
        const pairs = c === k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k];
        if (pairs) coincidences[c][k] += pairs / (m - 1);
      }
    }
  }
  const marginals = coincidences.map((row) => row.reduce((s, x) => s + x, 0));
  const n = marginals.reduce((s, x) => s + x, 0);
  const delta = differenceMatrix(level, values, marginals, declared);

  let observedSum = 0;
  let expectedSum = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      observedSum += coincidences[c][k] * delta[c][k];
      expectedSum += marginals[c] * marginals[k] * delta[c][k];
    }
  }
  const observedDisagreement = n > 0 ? observedSum / n : NaN;
  const expectedDisagreement = n > 1 ? expectedSum / (n * (n - 1)) : NaN;
  // An exact test, not an epsilon: with one value in use every δ² is exactly 0, while interval
  // data on a tiny numeric scale can have a genuinely small (but valid) Dₑ.
  const alpha = n > 1 && expectedSum > 0 ? 1 - ((n - 1) * observedSum) / expectedSum : NaN;
  return {
    alpha,
    observedDisagreement,
    expectedDisagreement,
    pairableValues: n,
    units,
    values,
    coincidences,
    marginals,
  };
}
