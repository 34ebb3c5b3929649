// "How often do clinicians agree with the model?", per task. The model asserts each item it
// predicts, so its reference value is "agrees" for every unit; a clinician's rating counts as
// agreeing when it lies on the upper side of the scale (Agree of agree/partly/disagree; 4–5 of
// a 1–5 Likert scale). Reported pooled over clinicians with a bootstrap interval, and per
// clinician, next to the raw distribution over the scale.
import { agreementWithReference, bootstrapCI, type Rating, type RatingMatrix } from "./agreement";
import type { CriterionMatrix } from "./agreement-matrices";
import { finite, interval, type BootstrapSettings } from "./criterion-agreement";
import type { ScaleLevel } from "./queue-config";
import type { TaskModelAgreement } from "./queue-agreement.types";

/** The values that count as agreeing: the levels above the middle of the scale. */
export function agreeingValues(scale: readonly ScaleLevel[]): Set<number> {
  return new Set(scale.filter((_, index) => index > (scale.length - 1) / 2).map((level) => level.value));
}

export function modelAgreementByTask(
  items: CriterionMatrix,
  scale: readonly ScaleLevel[],
  raterIds: readonly string[],
  bootstrap: BootstrapSettings,
): TaskModelAgreement[] {
  const agreeing = agreeingValues(scale);
  const dichotomous = (value: Rating): Rating => (typeof value === "number" ? (agreeing.has(value) ? 1 : 0) : null);
  const pooled = (matrix: RatingMatrix) =>
    agreementWithReference(
      matrix,
      matrix.map(() => 1),
    ).pooled.agreement;
  return [...new Set(items.taskKeys)].sort().map((taskKey) => {
    const rows = items.matrix.filter((_, index) => items.taskKeys[index] === taskKey);
    const matrix = rows.map((row) => row.map(dichotomous));
    const perRater = agreementWithReference(
      matrix,
      matrix.map(() => 1),
    ).perRater;
    const values = rows.flat().filter((value): value is number => typeof value === "number");
    return {
      taskKey,
      ratings: values.length,
      agreement: interval(bootstrapCI(matrix, pooled, bootstrap)),
      perRater: raterIds
        .map((raterId, column) => ({
          raterId,
          n: perRater[column]?.n ?? 0,
          agreement: finite(perRater[column]?.agreement ?? NaN),
        }))
        .filter((rater) => rater.n > 0),
      levels: scale.map((level) => ({
        value: level.value,
        label: level.label,
        count: values.filter((value) => value === level.value).length,
      })),
    };
  });
}
