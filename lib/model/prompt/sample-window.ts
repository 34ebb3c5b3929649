// Which trajectory events a (task, cut-off) prompt shows, by the authors' sampling rules
// (mimiciv_dataset/task_sample_info_gen.py). A benchmark sample is an index range of the
// trajectory: decision tasks end just before their target event, risk tasks start at their
// anchor (admission, ICU stay, discharge note, ED stay). The app's cut-off picks the sample:
// a decision task's target is the task table's event that starts at the cut-off (the next one
// otherwise); a risk task's anchor is the latest anchor event before the cut-off, and its
// window closes 24 h after the anchor or at the cut-off, whichever is first.
import type { RecordEncounter } from "../record";
import { admissionAt, formatTimestamp } from "../record";
import type { TaskDefinition } from "../tasks/task-types";
import type { TrajectoryEvent } from "./trajectory";

const HOUR_MS = 3_600_000;
const CONTEXT_HOURS = 24;

export type SampleWindow = {
  /** Events shown after demographics, discharge note and admission: trajectory[begin, end). */
  begin: number;
  end: number;
  /** The target (decision) or anchor (risk) event's index; -1 when no event matched. */
  anchor: number;
  /** The sample's hadm_id as the authors' task_info holds it ("None" when it has none). */
  hadm: string | null;
  admissionIndex: number | null;
  dischargeIndex: number | null;
  /** Start times as the authors' loop saw them at this sample (diagnoses take the previous time). */
  starts: (string | null)[];
  /** The authors' pipeline makes a sample here (a matching event with context). */
  isBenchmarkSample: boolean;
};

const parse = (text: string) => Date.parse(`${text.replace(" ", "T")}Z`);
/** time_gap_hour: hours from a to b; 1e9 when either is missing. */
function gapHours(a: string | null, b: string | null): number {
  if (!a || !b) return 1e9;
  return (parse(b) - parse(a)) / HOUR_MS;
}

/**
 * The authors' get_decision_making_task sets a diagnoses event's starttime to the previous
 * event's when its loop reaches it, and the change stays for every later sample. So events
 * before `upTo` (inclusive) are seen with it, later ones as they were (no time).
 */
function startsAt(trajectory: readonly TrajectoryEvent[], upTo: number): (string | null)[] {
  const starts = trajectory.map((e) => e.start);
  for (let i = 1; i <= upTo && i < trajectory.length; i++) {
    if (trajectory[i].table === "diagnoses_icd") starts[i] = starts[i - 1];
  }
  return starts;
}

/** get_previous_context_event: the earliest same-admission event less than 24 h before. */
function previousContextBegin(
  trajectory: readonly TrajectoryEvent[],
  starts: readonly (string | null)[],
  target: number,
  hadm: string | null,
  time: string | null,
): number | null {
  let begin: number | null = null;
  for (let i = target - 1; i > 0; i--) {
    const gap = gapHours(starts[i], time);
    if (gap < CONTEXT_HOURS && trajectory[i].hadm === hadm) begin = i;
    // Timed events are in time order (rank.py sorts by time; a diagnoses event takes its
    // predecessor's): once one is a day before, every earlier one is too. Untimed ones (1e9) never match.
    else if (gap >= CONTEXT_HOURS && gap < 1e9) break;
  }
  return begin;
}

/** The last event of `table` at or before `index` (the authors' running lists in ehr_anslysis). */
function lastOf(trajectory: readonly TrajectoryEvent[], table: string, index: number): number | null {
  for (let i = Math.min(index, trajectory.length - 1); i >= 0; i--) if (trajectory[i].table === table) return i;
  return null;
}

const RISK_ANCHOR: Record<string, string> = {
  admission_first_24h: "admissions",
  icu_first_24h: "icustays",
  admission_last_24h: "discharge",
  ed_stay: "edstays",
};

export function sampleWindow(
  trajectory: readonly TrajectoryEvent[],
  task: TaskDefinition,
  cutoff: Date,
  encounters: readonly RecordEncounter[],
): SampleWindow {
  const cutoffText = formatTimestamp(cutoff);
  const window =
    task.group === "decision_making"
      ? decisionWindow(trajectory, task, cutoffText, encounters)
      : riskWindow(trajectory, task, cutoffText, encounters);
  // ehr_anslysis: the admission block when the latest admission is the sample's; the latest
  // discharge note when it is another admission's.
  const at = window.anchor >= 0 ? window.anchor : window.end - 1;
  const admission = lastOf(trajectory, "admissions", at);
  const discharge = lastOf(trajectory, "discharge", at);
  const hadmKey = String(window.hadm);
  return {
    ...window,
    admissionIndex: admission !== null && trajectory[admission].hadm === hadmKey ? admission : null,
    dischargeIndex: discharge !== null && trajectory[discharge].hadm !== hadmKey ? discharge : null,
  };
}

type WindowCore = Omit<SampleWindow, "admissionIndex" | "dischargeIndex">;

function decisionWindow(
  trajectory: readonly TrajectoryEvent[],
  task: TaskDefinition,
  cutoffText: string,
  encounters: readonly RecordEncounter[],
): WindowCore {
  const table = task.targetTable ?? task.key;
  const all = startsAt(trajectory, trajectory.length);
  const target = trajectory.findIndex((e, i) => i > 0 && e.table === table && all[i] === cutoffText);
  // No event of the task's table starts at the cut-off (not a benchmark sample time): the
  // prompt holds what came strictly before it, in the admission the cut-off is in.
  if (target <= 0) return beforeCutoff(trajectory, cutoffText, encounters);
  const starts = startsAt(trajectory, target);
  const hadm = trajectory[target].hadm;
  const begin = previousContextBegin(trajectory, starts, target, hadm, starts[target]);
  return { begin: begin ?? target, end: target, anchor: target, hadm, starts, isBenchmarkSample: begin !== null };
}

/** The authors' decision window ending at a time rather than at a target event. */
function beforeCutoff(
  trajectory: readonly TrajectoryEvent[],
  cutoffText: string,
  encounters: readonly RecordEncounter[],
): WindowCore {
  const all = startsAt(trajectory, trajectory.length);
  const after = trajectory.findIndex((e, i) => i > 0 && all[i] !== null && all[i]! >= cutoffText);
  const end = after === -1 ? trajectory.length : after;
  const starts = startsAt(trajectory, end);
  const admission = admissionAt(encounters, parse(cutoffText) ? new Date(parse(cutoffText)) : new Date(NaN));
  const hadm = admission ? (admission.externalId ?? admission.id) : null;
  const begin = previousContextBegin(trajectory, starts, end, hadm, cutoffText);
  return { begin: begin ?? end, end, anchor: -1, hadm, starts, isBenchmarkSample: false };
}

/**
 * The authors' decision samples of a table: the start of each of its events that has context
 * (a same-admission event less than 24 h before), with the admission's hadm_id. A cut-off at
 * one of these times makes the app's prompt that benchmark sample.
 */
export function decisionSampleTimes(
  trajectory: readonly TrajectoryEvent[],
  table: string,
): { time: string; hadm: string | null }[] {
  const starts = startsAt(trajectory, trajectory.length);
  const times: { time: string; hadm: string | null }[] = [];
  for (let i = 1; i < trajectory.length; i++) {
    if (trajectory[i].table !== table || !starts[i]) continue;
    if (previousContextBegin(trajectory, starts, i, trajectory[i].hadm, starts[i]) !== null)
      times.push({ time: starts[i]!, hadm: trajectory[i].hadm });
  }
  return times;
}

function riskWindow(
  trajectory: readonly TrajectoryEvent[],
  task: TaskDefinition,
  cutoffText: string,
  encounters: readonly RecordEncounter[],
): WindowCore {
  const table = RISK_ANCHOR[task.contextRule];
  let anchor = -1;
  for (let i = 1; i < trajectory.length; i++) {
    const start = trajectory[i].start;
    if (trajectory[i].table === table && start !== null && start <= cutoffText) anchor = i;
  }
  if (anchor < 0) {
    // A record without discharge notes (MIMIC-IV-Note not imported) has no readmission sample
    // in the authors' pipeline. The app still asks: the day before the cut-off (the admission's
    // discharge by default) in that admission, as a decision task's window; not a benchmark sample.
    if (table === "discharge") return { ...beforeCutoff(trajectory, cutoffText, encounters), isBenchmarkSample: false };
    return { begin: 0, end: 0, anchor: -1, hadm: null, starts: [], isBenchmarkSample: false };
  }
  const starts = startsAt(trajectory, anchor);
  const hadm = trajectory[anchor].hadm;
  const anchorStart = starts[anchor];
  // The window closes 24 h after the anchor, or at the cut-off if that comes first.
  const horizon = Math.min(CONTEXT_HOURS, gapHours(anchorStart, cutoffText));
  if (table === "discharge") {
    const begin = previousContextBegin(trajectory, starts, anchor, hadm, anchorStart);
    return { begin: begin ?? anchor, end: anchor + 1, anchor, hadm, starts, isBenchmarkSample: begin !== null };
  }
  let end: number | null = null;
  for (let i = anchor + 1; i < trajectory.length; i++) {
    if (table === "edstays") {
      const outtime = edOuttime(trajectory[anchor]);
      if (starts[i] !== null && outtime && starts[i]! < outtime && starts[i]! <= cutoffText) end = i;
    } else if (gapHours(anchorStart, starts[i]) < horizon && trajectory[i].hadm === hadm) end = i;
  }
  return {
    begin: anchor,
    end: (end ?? anchor) + 1,
    anchor,
    hadm,
    starts,
    isBenchmarkSample: end !== null,
  };
}

function edOuttime(event: TrajectoryEvent): string | null {
  const row = event.rows[0];
  const attrs = row.event?.attributes as Record<string, unknown> | undefined;
  const outtime = attrs?.outtime;
  return typeof outtime === "string" ? outtime : null;
}
