// Turns a task's context rule and a cut-off into the concrete window of events the prompt may
// show. Nothing at or after the cut-off is ever inside a window (except the readmission window,
// whose cut-off is the discharge itself and includes it), so ground truth cannot leak in.
import {
  admissionAt,
  admissionsOf,
  attributeText,
  belongsToAdmission,
  hours,
  type RecordEncounter,
  type RecordEvent,
} from "../record";
import type { ContextRule, TaskDefinition } from "./task-types";

export type ContextWindow = {
  rule: ContextRule;
  /** Inclusive start for rules anchored on an encounter's start; exclusive for "24 h before". */
  start: Date;
  startInclusive: boolean;
  end: Date;
  endInclusive: boolean;
  /** The admission the window lies in (its block heads the prompt); absent outside admissions. */
  admission?: RecordEncounter;
  icuStay?: RecordEncounter;
  edStay?: RecordEncounter;
  /** For the "admissions" task: the admission being predicted (hidden from the prompt). */
  targetAdmission?: RecordEncounter;
  description: string;
};

/** The record has no encounter the task's rule needs (e.g. an ICU task without an ICU stay). */
export class ContextWindowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContextWindowError";
  }
}

const minDate = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

function latestStartedBy(
  encounters: readonly RecordEncounter[],
  kind: RecordEncounter["kind"],
  cutoff: Date,
  parentId?: string,
) {
  return encounters
    .filter((e) => e.kind === kind && e.start.getTime() <= cutoff.getTime() && (!parentId || e.parentId === parentId))
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .pop();
}

/** The admission an ED stay led to: its parent, or the admission named by its hadm_id. */
export function admissionOfEdStay(
  edStay: RecordEncounter,
  encounters: readonly RecordEncounter[],
): RecordEncounter | undefined {
  const admissions = admissionsOf(encounters);
  if (edStay.parentId) return admissions.find((a) => a.id === edStay.parentId);
  const hadmId = attributeText(edStay, "hadm_id")?.replace(/\.0$/, "");
  return hadmId ? admissions.find((a) => a.externalId === hadmId) : undefined;
}

export function contextWindow(
  task: TaskDefinition,
  encounters: readonly RecordEncounter[],
  cutoff: Date,
): ContextWindow {
  const rule = task.contextRule;
  switch (rule) {
    case "admission_24h_before_cutoff": {
      if (task.key === "admissions") {
        // The admission itself is the answer: look at the 24 h before the admission that follows.
        const targetAdmission = admissionsOf(encounters).find((a) => a.start.getTime() >= cutoff.getTime());
        return {
          rule,
          start: new Date(cutoff.getTime() - hours(24)),
          startInclusive: false,
          end: cutoff,
          endInclusive: false,
          targetAdmission,
          description: "the 24 h before the cut-off, before the admission",
        };
      }
      const admission = admissionAt(encounters, cutoff);
      const inside =
        admission && (!admission.end || admission.end.getTime() >= cutoff.getTime()) ? admission : undefined;
      return {
        rule,
        start: new Date(cutoff.getTime() - hours(24)),
        startInclusive: false,
        end: cutoff,
        endInclusive: false,
        admission: inside,
        description: "same admission, the 24 h before the cut-off",
      };
    }
    case "admission_first_24h": {
      const admission = admissionAt(encounters, cutoff);
      if (!admission) throw new ContextWindowError("no admission starts at or before the cut-off");
      return {
        rule,
        start: admission.start,
        startInclusive: true,
        end: minDate(new Date(admission.start.getTime() + hours(24)), cutoff),
        endInclusive: false,
        admission,
        description: "the first 24 h of the admission",
      };
    }
    case "icu_first_24h": {
      const around = admissionAt(encounters, cutoff);
      const icuStay =
        (around && latestStartedBy(encounters, "icu_stay", cutoff, around.id)) ??
        latestStartedBy(encounters, "icu_stay", cutoff);
      if (!icuStay) throw new ContextWindowError("no ICU stay starts at or before the cut-off");
      const admission = admissionsOf(encounters).find((a) => a.id === icuStay.parentId) ?? around;
      return {
        rule,
        start: icuStay.start,
        startInclusive: true,
        end: minDate(new Date(icuStay.start.getTime() + hours(24)), cutoff),
        endInclusive: false,
        admission,
        icuStay,
        description: "the first 24 h of the ICU stay",
      };
    }
    case "admission_last_24h": {
      const admission = admissionAt(encounters, cutoff);
      if (!admission) throw new ContextWindowError("no admission starts at or before the cut-off");
      const end = admission.end ? minDate(admission.end, cutoff) : cutoff;
      return {
        rule,
        start: new Date(end.getTime() - hours(24)),
        startInclusive: false,
        end,
        endInclusive: true,
        admission,
        description: "the 24 h before discharge",
      };
    }
    case "ed_stay": {
      const edStay = latestStartedBy(encounters, "ed_stay", cutoff);
      if (!edStay) throw new ContextWindowError("no emergency-department stay starts at or before the cut-off");
      return {
        rule,
        start: edStay.start,
        startInclusive: true,
        end: edStay.end ? minDate(edStay.end, cutoff) : cutoff,
        endInclusive: true,
        admission: admissionOfEdStay(edStay, encounters),
        edStay,
        description: "the emergency-department stay",
      };
    }
  }
}

/** Whether an event lies in the window: by time, then by encounter (same admission / stay). */
export function inWindow(event: RecordEvent, window: ContextWindow, encounters: readonly RecordEncounter[]): boolean {
  const t = event.time.getTime();
  const s = window.start.getTime();
  const e = window.end.getTime();
  if (window.startInclusive ? t < s : t <= s) return false;
  if (window.endInclusive ? t > e : t >= e) return false;
  if (window.edStay) {
    if (event.encounterId === window.edStay.id) return true;
    if (event.encounterId) return false;
    return true;
  }
  if (window.targetAdmission) {
    return !event.encounterId || belongsToAdmission(event, window.targetAdmission, encounters);
  }
  if (window.admission) return belongsToAdmission(event, window.admission, encounters);
  return true;
}

/** Sensible cut-offs for a risk task on one encounter (decision tasks are cut where the user chooses). */
export function defaultCutoff(task: TaskDefinition, encounter: RecordEncounter): Date | undefined {
  switch (task.contextRule) {
    case "admission_first_24h":
    case "icu_first_24h":
      return new Date(encounter.start.getTime() + hours(24));
    case "admission_last_24h":
    case "ed_stay":
      return encounter.end ?? undefined;
    default:
      return undefined;
  }
}
