// Percentile bootstrap confidence intervals for any agreement statistic, resampling UNITS
// (rows) with replacement: units are the sampled entities, while raters are fixed columns, so
// each replicate keeps every rater's rating of a resampled unit together (Efron & Tibshirani
// 1993, "An Introduction to the Bootstrap", ch. 13 percentile interval).
import { mulberry32 } from "./prng";
import type { RatingMatrix } from "./types";

export type BootstrapOptions = {
  /** Replicates to draw; 1000 is the usual minimum for a 95% percentile interval. */
  iterations?: number;
  /** Two-sided coverage in (0, 1). */
  confidence?: number;
  /** Required so that every reported interval can be reproduced exactly. */
  seed: number;
};

export type BootstrapInterval = {
  /** The statistic on the original data (not the mean of the replicates). */
  estimate: number;
  low: number;
  high: number;
  /** Replicates drawn. */
  iterations: number;
  /**
   * Replicates with a defined (non-NaN) statistic, the ones the interval is built from. A
   * resample can be undefined, e.g. all resampled units in one category; when many are, the
   * interval is unreliable and should be flagged rather than shown as is.
   */
  valid: number;
};

/** Quantile with linear interpolation between order statistics (Hyndman & Fan 1996 type 7, R's default). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Percentile bootstrap CI of `statistic` (e.g. `(m) => krippendorffAlpha(m, "nominal").alpha`).
 * Empty input gives NaN throughout. The interval is [q((1−c)/2), q((1+c)/2)] of the defined
 * replicates.
 */
export function bootstrapCI(
  matrix: RatingMatrix,
  statistic: (matrix: RatingMatrix) => number,
  options: BootstrapOptions,
): BootstrapInterval {
  const iterations = options.iterations ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new Error("bootstrapCI: iterations must be a positive integer");
  }
  if (!(confidence > 0 && confidence < 1)) throw new Error("bootstrapCI: confidence must be in (0, 1)");
  if (!Number.isFinite(options.seed)) throw new Error("bootstrapCI: seed must be a finite number");

  const estimate = matrix.length ? statistic(matrix) : NaN;
  if (matrix.length === 0) return { estimate, low: NaN, high: NaN, iterations: 0, valid: 0 };

  const random = mulberry32(options.seed);
  const units = matrix.length;
  const replicates: number[] = [];
  for (let b = 0; b < iterations; b++) {
    // A fresh array per replicate, in case a statistic keeps a reference to its input.
    const sample: (typeof matrix)[number][] = new Array(units);
    for (let i = 0; i < units; i++) sample[i] = matrix[Math.floor(random() * units)];
    const value = statistic(sample);
    if (!Number.isNaN(value)) replicates.push(value);
  }
  replicates.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return {
    estimate,
    low: quantile(replicates, tail),
    high: quantile(replicates, 1 - tail),
    iterations,
    valid: replicates.length,
  };
}
