// Ground truth readers. Decision tasks: the items of the first target event at or after the
// cut-off (same admission). Risk tasks: the outcome recorded for the encounter the window lies
// in, by the authors' definitions (task_sample_info_gen.py) unless noted.
import {
  admissionAt,
  admissionsOf,
  attributeText,
  belongsToAdmission,
  days,
  eventIdString,
  formatTimestamp,
  hours,
  sortEvents,
  type RecordEncounter,
  type RecordEvent,
  type RecordPatient,
} from "../record";
import { resolveTableKey } from "../mimic-tables";
import { admissionOfEdStay, contextWindow, ContextWindowError } from "./context-window";
import { targetItemsOf } from "./target-items";
import type { GroundTruth, GroundTruthInput, TaskDefinition } from "./task-types";

/** "2180-07-01 12:00:00" (MIMIC-IV) or ISO text → Date (UTC); undefined when empty or invalid. */
export function parseRecordTime(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text) ? `${text.replace(" ", "T")}Z` : text;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const unknown = (reason: string): GroundTruth => ({ kind: "unknown", reason });
const yesNo = (yes: boolean, evidence: string): GroundTruth => ({
  kind: "yes_no",
  answer: yes ? "yes" : "no",
  evidence,
});
const at = (date: Date) => formatTimestamp(date);

/** Events at or after the cut-off in the cut-off's admission (any admission when there is none). */
function eventsAfter(input: GroundTruthInput): RecordEvent[] {
  const t = input.cutoff.getTime();
  const admission = admissionAt(input.encounters, input.cutoff);
  const inside = admission && (!admission.end || admission.end.getTime() >= t) ? admission : undefined;
  return sortEvents(
    input.events.filter((e) => e.time.getTime() >= t && (!inside || belongsToAdmission(e, inside, input.encounters))),
  );
}

/** Decision task: the rows of the target table at the first time at or after the cut-off. */
export function readNextItems(task: Pick<TaskDefinition, "key" | "targetTable">, mappedColumn?: string) {
  return (input: GroundTruthInput): GroundTruth => {
    const table = task.targetTable!;
    const candidates = eventsAfter(input).filter((e) => resolveTableKey(e) === table);
    const times = [...new Set(candidates.map((e) => e.time.getTime()))];
    for (const time of times) {
      const rows = candidates.filter((e) => e.time.getTime() === time);
      const items = targetItemsOf(table, rows, mappedColumn);
      if (!items.length) continue;
      return {
        kind: "items",
        items,
        time: new Date(time),
        eventIds: rows.map(eventIdString),
        evidence: `${rows.length} ${table} row(s) at ${at(new Date(time))}`,
      };
    }
    if (mappedColumn && candidates.length) {
      return unknown(
        `the ${table} rows after the cut-off have no "${mappedColumn}" (needs an external map the app does not have)`,
      );
    }
    return unknown(`no ${table} event at or after the cut-off in this admission`);
  };
}

/** The "admissions" task: the admission_type of the next admission. */
export function readNextAdmissionType(input: GroundTruthInput): GroundTruth {
  const next = admissionsOf(input.encounters).find((a) => a.start.getTime() >= input.cutoff.getTime());
  if (!next) return unknown("no admission starts at or after the cut-off");
  const type = attributeText(next, "admission_type");
  if (!type) return unknown("the next admission has no admission_type");
  return { kind: "items", items: [type], eventIds: [], time: next.start, evidence: `admission at ${at(next.start)}` };
}

/** next_event: the table of the first event after the cut-off. */
export function readNextEventTable(input: GroundTruthInput): GroundTruth {
  const next = eventsAfter(input).find((e) => !["patients", "admissions"].includes(resolveTableKey(e)));
  if (!next) return unknown("no event at or after the cut-off in this admission");
  return {
    kind: "items",
    items: [resolveTableKey(next)],
    eventIds: [eventIdString(next)],
    time: next.time,
    evidence: `${next.sourceTable} event at ${at(next.time)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

type Death = { time?: Date; inHospital: boolean; evidence: string };

/**
 * In-hospital death of an admission. hospital_expire_flag / deathtime (admissions table) are
 * used when imported: they are exact, where the authors compared the patient's date of death
 * with the discharge time. Without them, the authors' rule: died on or before discharge.
 */
function deathDuring(admission: RecordEncounter, patient: RecordPatient): Death | undefined | "unknown" {
  const deathtime = parseRecordTime(attributeText(admission, "deathtime"));
  const flag = attributeText(admission, "hospital_expire_flag")?.replace(/\.0$/, "");
  if (deathtime) return { time: deathtime, inHospital: true, evidence: `admissions.deathtime ${at(deathtime)}` };
  if (flag === "1")
    return { time: admission.end ?? undefined, inHospital: true, evidence: "admissions.hospital_expire_flag = 1" };
  if (flag === "0") return undefined;
  if (!admission.end) return "unknown";
  if (patient.deathTime && patient.deathTime.getTime() <= admission.end.getTime()) {
    return {
      time: patient.deathTime,
      inHospital: true,
      evidence: `date of death ${at(patient.deathTime)} on or before discharge`,
    };
  }
  return undefined;
}

function windowOf(task: TaskDefinition, input: GroundTruthInput) {
  try {
    return contextWindow(task, input.encounters, input.cutoff);
  } catch (error) {
    if (error instanceof ContextWindowError) return error;
    throw error;
  }
}

export function readInHospitalDeath(task: TaskDefinition) {
  return (input: GroundTruthInput): GroundTruth => {
    const window = windowOf(task, input);
    if (window instanceof Error) return unknown(window.message);
    const death = deathDuring(window.admission!, input.patient);
    if (death === "unknown") return unknown("the admission has not ended and no death is recorded");
    return death
      ? yesNo(true, death.evidence)
      : yesNo(false, `discharged alive at ${at(window.admission!.end ?? window.end)}`);
  };
}

export function readLengthOfStay(task: TaskDefinition, thresholdDays: number) {
  return (input: GroundTruthInput): GroundTruth => {
    const window = windowOf(task, input);
    if (window instanceof Error) return unknown(window.message);
    const { start, end } = window.admission!;
    if (!end) return unknown("the admission has no discharge time");
    const stayDays = (end.getTime() - start.getTime()) / days(1);
    return yesNo(stayDays > thresholdDays, `stay of ${stayDays.toFixed(1)} days (${at(start)} to ${at(end)})`);
  };
}

export function readReadmission(task: TaskDefinition, withinDays: number) {
  return (input: GroundTruthInput): GroundTruth => {
    const window = windowOf(task, input);
    if (window instanceof Error) return unknown(window.message);
    const admission = window.admission!;
    if (!admission.end) return unknown("the admission has no discharge time");
    const next = admissionsOf(input.encounters).find(
      (a) => a.start.getTime() > admission.start.getTime() && a.id !== admission.id,
    );
    if (!next) return yesNo(false, "no later admission in the record");
    const gapDays = (next.start.getTime() - admission.end.getTime()) / days(1);
    return yesNo(gapDays < withinDays, `next admission ${gapDays.toFixed(1)} days after discharge (${at(next.start)})`);
  };
}

/** Death within N days of the end of the ICU window (the authors count from the last event seen). */
export function readIcuMortality(task: TaskDefinition, withinDays: number) {
  return (input: GroundTruthInput): GroundTruth => {
    const window = windowOf(task, input);
    if (window instanceof Error) return unknown(window.message);
    const admissionDeath = window.admission ? deathDuring(window.admission, input.patient) : undefined;
    const deathTime =
      (typeof admissionDeath === "object" && admissionDeath.time) || input.patient.deathTime || undefined;
    if (!deathTime) return yesNo(false, "no death recorded");
    const gapDays = (deathTime.getTime() - window.end.getTime()) / days(1);
    return yesNo(gapDays < withinDays, `death at ${at(deathTime)}, ${gapDays.toFixed(1)} days after the window's end`);
  };
}

export function readIcuStayLength(task: TaskDefinition, thresholdDays: number) {
  return (input: GroundTruthInput): GroundTruth => {
    const window = windowOf(task, input);
    if (window instanceof Error) return unknown(window.message);
    const { start, end } = window.icuStay!;
    if (!end) return unknown("the ICU stay has no out-time");
    const stayDays = (end.getTime() - start.getTime()) / days(1);
    // The authors: "< N days → no", so exactly N days counts as yes.
    return yesNo(stayDays >= thresholdDays, `ICU stay of ${stayDays.toFixed(1)} days`);
  };
}

export function readIcuReadmission(task: TaskDefinition) {
  return (input: GroundTruthInput): GroundTruth => {
    const window = windowOf(task, input);
    if (window instanceof Error) return unknown(window.message);
    const stay = window.icuStay!;
    const later = input.encounters.find(
      (e) =>
        e.kind === "icu_stay" &&
        e.id !== stay.id &&
        e.start.getTime() > stay.start.getTime() &&
        (stay.parentId ? e.parentId === stay.parentId : true),
    );
    return later
      ? yesNo(true, `another ICU stay at ${at(later.start)} in the same admission`)
      : yesNo(false, "no later ICU stay in this admission");
  };
}

type EdOutcome = "hospitalization" | "mortality" | "icu_12h" | "reattendance_3d" | "critical";

export function readEdOutcome(task: TaskDefinition, outcome: EdOutcome) {
  return (input: GroundTruthInput): GroundTruth => {
    const window = windowOf(task, input);
    if (window instanceof Error) return unknown(window.message);
    const ed = window.edStay!;
    const edEnd = ed.end ?? window.end;
    const admission = window.admission ?? admissionOfEdStay(ed, input.encounters);
    const died = () => {
      if (!admission) return undefined;
      const death = deathDuring(admission, input.patient);
      return typeof death === "object" ? death : undefined;
    };
    const icuWithin12h = () =>
      admission &&
      input.encounters.find(
        (e) => e.kind === "icu_stay" && e.parentId === admission.id && e.start.getTime() - edEnd.getTime() < hours(12),
      );
    switch (outcome) {
      case "hospitalization":
        return admission
          ? yesNo(true, `admitted at ${at(admission.start)}`)
          : yesNo(false, "no admission linked to the ED stay");
      case "mortality": {
        const death = died();
        return death ? yesNo(true, death.evidence) : yesNo(false, admission ? "no in-hospital death" : "not admitted");
      }
      case "icu_12h": {
        const icu = icuWithin12h();
        return icu
          ? yesNo(true, `ICU stay at ${at(icu.start)}`)
          : yesNo(false, "no ICU stay within 12 h of leaving the ED");
      }
      case "reattendance_3d": {
        const next = input.encounters.find(
          (e) => e.kind === "ed_stay" && e.start.getTime() > ed.start.getTime() && e.id !== ed.id,
        );
        if (!next) return yesNo(false, "no later ED stay");
        return yesNo(next.start.getTime() - edEnd.getTime() < hours(72), `next ED stay at ${at(next.start)}`);
      }
      case "critical": {
        const death = died();
        const icu = icuWithin12h();
        if (death) return yesNo(true, death.evidence);
        if (icu) return yesNo(true, `ICU stay at ${at(icu.start)}`);
        return yesNo(false, "no in-hospital death and no ICU stay within 12 h");
      }
    }
  };
}
