// The statistics of one criterion's matrix, each with its bootstrap interval (units
// resampled; one seed for all, so every figure on the page can be reproduced exactly).
import {
  bootstrapCI,
  cohenKappa,
  cohenKappaMatrix,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  type BootstrapInterval,
  type CohenOptions,
  type Level,
  type RatingMatrix,
} from "./agreement";
import type { CriterionMatrix } from "./agreement-matrices";
import type { CriterionAgreement, Interval } from "./queue-agreement.types";

export type BootstrapSettings = { iterations: number; confidence: number; seed: number };

/** NaN (undefined statistic) becomes null, so JSON never shows a number that means nothing. */
export const finite = (value: number) => (Number.isFinite(value) ? value : null);

export function interval(result: BootstrapInterval): Interval {
  return {
    estimate: finite(result.estimate),
    low: finite(result.low),
    high: finite(result.high),
    valid: result.valid,
    iterations: result.iterations,
  };
}

/** Units with two or more ratings; the rest carry no pair and only slow the bootstrap down. */
function pairable(matrix: RatingMatrix): RatingMatrix {
  return matrix.filter((row) => row.filter((value) => value !== null && value !== undefined).length >= 2);
}

export function criterionAgreement(
  criterion: CriterionMatrix,
  options: { reviewersPerItem: number; bootstrap: BootstrapSettings },
): CriterionAgreement {
  const matrix = pairable(criterion.matrix);
  const categories = criterion.categories;
  const isOrdinal = criterion.level === "ordinal";
  const cohenOptions: CohenOptions = { categories, weights: isOrdinal ? "quadratic" : "none" };
  const ci = (statistic: (m: RatingMatrix) => number) => interval(bootstrapCI(matrix, statistic, options.bootstrap));
  const alpha = (level: Level) => ci((m) => krippendorffAlpha(m, level, { categories }).alpha);
  const raters = criterion.matrix[0]?.length ?? 0;
  const fleissOptions = { categories, ratersPerUnit: options.reviewersPerItem };
  const fleiss = fleissKappa(matrix, fleissOptions);
  const kappaMatrix = cohenKappaMatrix(criterion.matrix, cohenOptions);

  return {
    key: criterion.key,
    label: criterion.label,
    level: criterion.level,
    units: matrix.length,
    ratings: criterion.matrix.flat().filter((value) => value !== null).length,
    percentAgreement: ci((m) => percentAgreement(m).agreement),
    cohenKappa:
      raters === 2
        ? ci(
            (m) =>
              cohenKappa(
                m.map((row) => row[0]),
                m.map((row) => row[1]),
                cohenOptions,
              ).kappa,
          )
        : null,
    kappaMatrix: { kappa: kappaMatrix.kappa.map((row) => row.map(finite)), n: kappaMatrix.n },
    fleissKappa: {
      ...ci((m) => fleissKappa(m, fleissOptions).kappa),
      units: fleiss.units,
      droppedUnits: fleiss.droppedUnits,
    },
    alpha: {
      nominal: alpha("nominal"),
      ordinal: isOrdinal ? alpha("ordinal") : null,
      interval: isOrdinal ? alpha("interval") : null,
      // Ratio needs non-negative level values (zero = none); a scale with negative ones has none.
      ratio: isOrdinal && categories.every((value) => typeof value === "number" && value >= 0) ? alpha("ratio") : null,
    },
  };
}
