// Shared shapes for the inter-rater agreement statistics. Kept free of any app or database
// types so the statistics can be tested, reused in scripts and run in the browser alike.

/**
 * One rating. `null` (and `undefined`, and `NaN` from a failed numeric parse) means "this
 * rater did not rate this unit". Numbers and strings are compared with `===`, so `1` and
 * `"1"` are different categories: normalise before calling if the source mixes them.
 */
export type Rating = number | string | null | undefined;

/** Units × raters: one row per rated item, one column per rater (same column = same rater). */
export type RatingMatrix = readonly (readonly Rating[])[];

/** A rating that is present; what the counting code works with. */
export type Value = number | string;

/**
 * Level of measurement, which decides how much two different ratings disagree:
 * nominal = any difference is total, ordinal = by rank, interval = by numeric distance,
 * ratio = by distance relative to size (zero means none, so 1 vs 2 differs as 10 vs 20).
 */
export type Level = "nominal" | "ordinal" | "interval" | "ratio";

/** Cohen's (1968) weighted kappa weights; "none" is the unweighted 1960 kappa. */
export type KappaWeights = "none" | "linear" | "quadratic";
