// Raw (chance-uncorrected) agreement. Reported next to kappa/alpha because clinicians read a
// percentage more easily, and because a high percentage with a low kappa is the signature of
// skewed category prevalence (Feinstein & Cicchetti 1990, "High agreement but low kappa").
import type { RatingMatrix } from "./types";
import { presentValues } from "./values";

export type PercentAgreement = {
  /**
   * Mean over units of the share of agreeing rater pairs in that unit; NaN when no unit has
   * two ratings. With complete data this is Fleiss' (1971) P̄.
   */
  agreement: number;
  /** Units with at least two ratings (the others carry no pair and are skipped). */
  units: number;
  /** Unordered rater pairs across those units, and how many of them agreed. */
  pairs: number;
  agreeingPairs: number;
};

/**
 * Pairwise percent agreement over units with ≥ 2 ratings.
 *
 * Each unit is weighted equally (mean of per-unit agreement) rather than each pair, so a unit
 * that happened to be rated by many clinicians does not dominate; with a fixed number of
 * raters per unit the two weightings coincide. `agreeingPairs / pairs` gives the pair-weighted
 * figure for callers who want it.
 */
export function percentAgreement(matrix: RatingMatrix): PercentAgreement {
  let units = 0;
  let sum = 0;
  let pairs = 0;
  let agreeingPairs = 0;
  for (const row of matrix) {
    const values = presentValues(row);
    const m = values.length;
    if (m < 2) continue;
    const counts = new Map<unknown, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    let agree = 0;
    for (const c of counts.values()) agree += (c * (c - 1)) / 2;
    const total = (m * (m - 1)) / 2;
    units += 1;
    sum += agree / total;
    pairs += total;
    agreeingPairs += agree;
  }
  return { agreement: units === 0 ? NaN : sum / units, units, pairs, agreeingPairs };
}
