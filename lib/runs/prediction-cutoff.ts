// The "New prediction" form's admission and cut-off. The timeline's cut-off, when the reader
// has set one, is what they mean to predict at; the task's suggestion (the admission's anchor
// point) only fills in when there is none, or when they pick an admission it is not inside.
import type { AdmissionOption } from "./task-options";

export type PredictionCutoff = {
  admission: AdmissionOption | undefined;
  /** ISO time, or null when there is nothing to suggest. */
  cutoff: string | null;
  from: "timeline" | "task" | "none";
  /** The task's suggestion for the admission, shown beside a timeline cut-off. */
  suggested: string | null;
};

const startOf = (admission: AdmissionOption) => Date.parse(admission.start);

function contains(admission: AdmissionOption, time: number): boolean {
  return startOf(admission) <= time && (admission.end === null || time <= Date.parse(admission.end));
}

/** The admission a time falls in, else the latest one begun before it. */
export function admissionAt(admissions: readonly AdmissionOption[], time: number): AdmissionOption | undefined {
  return (
    admissions.find((admission) => contains(admission, time)) ??
    admissions.filter((admission) => startOf(admission) <= time).at(-1)
  );
}

export function predictionCutoff(input: {
  admissions: readonly AdmissionOption[];
  taskKey: string;
  /** The admission the reader picked; null: follow the cut-off. */
  admissionId: string | null;
  /** The timeline's cut-off (ISO), if set. */
  timelineCutoff: string | null;
}): PredictionCutoff {
  const { admissions, taskKey, admissionId, timelineCutoff } = input;
  const time = timelineCutoff ? Date.parse(timelineCutoff) : NaN;
  const chosen = admissionId ? admissions.find((admission) => admission.id === admissionId) : undefined;
  const admission = chosen ?? (Number.isNaN(time) ? undefined : admissionAt(admissions, time)) ?? admissions.at(-1);
  const suggested = admission?.cutoffs[taskKey] ?? null;
  if (timelineCutoff && !Number.isNaN(time) && (!chosen || contains(chosen, time))) {
    return { admission, cutoff: new Date(time).toISOString(), from: "timeline", suggested };
  }
  return { admission, cutoff: suggested, from: suggested ? "task" : "none", suggested };
}
