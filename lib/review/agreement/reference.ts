// Agreement of clinicians with a reference rating, here the model's prediction for each unit.
// Unlike inter-rater reliability this is accuracy-like: the reference is not one more rater
// whose disagreements are symmetric, so it is reported per clinician and pooled, never mixed
// into alpha.
import { cohenKappa, type CohenOptions } from "./cohen";
import type { Rating, RatingMatrix } from "./types";
import { column, isMissing, raterCount } from "./values";

export type ReferenceAgreement = {
  /** Units where both the rating and the reference are present. */
  n: number;
  /** Share of those units where the rating equals the reference; NaN when n = 0. */
  agreement: number;
  /** Cohen's kappa rating vs reference (NaN when undefined, see cohen.ts). */
  kappa: number;
};

export type AgreementWithReference = {
  /** One entry per rater column, in column order. */
  perRater: ReferenceAgreement[];
  /**
   * All (clinician, unit) pairs stacked into one two-column table: "how often does a clinician
   * agree with the model". Clinicians who rated more units weigh more; use perRater for a
   * per-clinician view.
   */
  pooled: ReferenceAgreement;
};

function compare(ratings: readonly Rating[], reference: readonly Rating[], options: CohenOptions): ReferenceAgreement {
  let n = 0;
  let agree = 0;
  for (let i = 0; i < ratings.length; i++) {
    const x = ratings[i];
    const y = reference[i];
    if (isMissing(x) || isMissing(y)) continue;
    n += 1;
    if (x === y) agree += 1;
  }
  // Exact-match agreement even when kappa is weighted: "agrees with the model" should mean the
  // same thing whatever the weighting.
  return { n, agreement: n ? agree / n : NaN, kappa: cohenKappa(ratings, reference, options).kappa };
}

/**
 * Agreement of each clinician (a column of `values`, units × raters) with `reference` (one
 * model rating per unit, same unit order). A single rater may be passed as a plain vector.
 * Units missing either rating are skipped. `options` (weights, categories) go to the kappa.
 */
export function agreementWithReference(
  values: RatingMatrix | readonly Rating[],
  reference: readonly Rating[],
  options: CohenOptions = {},
): AgreementWithReference {
  const isMatrix = values.every((row) => Array.isArray(row));
  const matrix: RatingMatrix = isMatrix ? (values as RatingMatrix) : (values as readonly Rating[]).map((v) => [v]);
  if (matrix.length !== reference.length) {
    throw new Error(`agreementWithReference: ${matrix.length} units rated but ${reference.length} reference values`);
  }
  const perRater: ReferenceAgreement[] = [];
  const stackedRatings: Rating[] = [];
  const stackedReference: Rating[] = [];
  for (let r = 0; r < raterCount(matrix); r++) {
    const ratings = column(matrix, r);
    perRater.push(compare(ratings, reference, options));
    stackedRatings.push(...ratings);
    stackedReference.push(...reference);
  }
  return { perRater, pooled: compare(stackedRatings, stackedReference, options) };
}
