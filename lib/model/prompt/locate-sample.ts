// The trajectory events a prompt shows, found without ordering the whole record when that is
// safe. The authors' order is global (rank.py sorts every row of the patient), but a window
// only sees a day or so of it: the rows of that stretch, the row before it, and the diagnoses
// that follow an admission ending there decide everything inside (trajectory.ts, sliceRows).
// When the window could reach past the stretch (a run still open at its end, a quirk only the
// whole order reproduces), the whole record is ordered instead: same result, slower.
import type { TaskDefinition } from "../tasks/task-types";
import { sampleWindow, type SampleWindow } from "./sample-window";
import {
  buildTrajectory,
  buildTrajectorySlice,
  collectRows,
  latestRowsBefore,
  type TrajectoryEvent,
  type TrajectoryInput,
  type TrajectoryRange,
  type TrajectoryRow,
} from "./trajectory";
import type { RecordEncounter } from "../record";

const HOUR_MS = 3_600_000;

export type LocatedSample = {
  trajectory: TrajectoryEvent[];
  window: SampleWindow;
  admission: TrajectoryEvent | null;
  discharge: TrajectoryEvent | null;
};

type Input = TrajectoryInput & { task: TaskDefinition; cutoff: Date; encounters: readonly RecordEncounter[] };

export function locateSample(input: Input): LocatedSample {
  const rows = collectRows(input);
  return sliced(input, rows) ?? whole(input, rows);
}

function whole(input: Input, rows: readonly TrajectoryRow[]): LocatedSample {
  const trajectory = buildTrajectory(input, rows);
  const window = sampleWindow(trajectory, input.task, input.cutoff, input.encounters);
  return {
    trajectory,
    window,
    admission: window.admissionIndex !== null ? trajectory[window.admissionIndex] : null,
    discharge: window.dischargeIndex !== null ? trajectory[window.dischargeIndex] : null,
  };
}

/** The latest anchor (admission or ICU stay) starting at or before the cut-off, in ms. */
function anchorTime(input: Input, kind: "admission" | "icu_stay"): number | null {
  let best: number | null = null;
  for (const encounter of input.encounters) {
    const t = encounter.start.getTime();
    if (encounter.kind === kind && t <= input.cutoff.getTime() && (best === null || t > best)) best = t;
  }
  return best;
}

function sliced(input: Input, rows: readonly TrajectoryRow[]): LocatedSample | null {
  const t = input.cutoff.getTime();
  const { task } = input;
  if (task.group === "decision_making") return tryRange(input, rows, { from: t - 25 * HOUR_MS, to: t }, false);
  const kind =
    task.contextRule === "admission_first_24h" ? "admission" : task.contextRule === "icu_first_24h" ? "icu_stay" : null;
  if (!kind) return null;
  const anchor = anchorTime(input, kind);
  if (anchor === null) return null;
  // The window's last run may go on past the day: widen until it ends inside the stretch.
  for (let extra = 24; extra <= 24 * 16; extra *= 2) {
    const located = tryRange(
      input,
      rows,
      { from: anchor, to: Math.max(anchor, Math.min(t, anchor + 24 * HOUR_MS)) + extra * HOUR_MS },
      true,
    );
    if (located) return located;
  }
  return null;
}

function tryRange(
  input: Input,
  rows: readonly TrajectoryRow[],
  range: TrajectoryRange,
  forward: boolean,
): LocatedSample | null {
  const slice = buildTrajectorySlice(rows, range);
  if (!slice || slice.trajectory.length < 2) return null;
  const { trajectory } = slice;
  const window = sampleWindow(trajectory, input.task, input.cutoff, input.encounters);
  // Index 1 is the row before the stretch (or the record's first): a window must start after
  // it; a forward window must end before the stretch's last event, which may continue past it.
  if (slice.afterEarlierRows && window.end > window.begin && window.begin <= 1) return null;
  if (forward && (window.anchor < 0 || window.end >= trajectory.length)) return null;
  const at = window.anchor >= 0 ? window.anchor : window.end - 1;
  const inSlice = (table: string) => trajectory.slice(1, at + 1).some((e) => e.table === table);
  const hadmKey = String(window.hadm);
  let admission = window.admissionIndex !== null ? trajectory[window.admissionIndex] : null;
  let discharge = window.dischargeIndex !== null ? trajectory[window.dischargeIndex] : null;
  const lookAt = [
    ...(!admission && !inSlice("admissions") ? ["admissions"] : []),
    ...(!discharge && !inSlice("discharge") ? ["discharge"] : []),
  ];
  if (lookAt.length) {
    const before = latestRowsBefore(rows, lookAt, range.from);
    const earlierAdmission = before.get("admissions");
    if (earlierAdmission && earlierAdmission.hadm === hadmKey) admission = earlierAdmission;
    const earlierDischarge = before.get("discharge");
    if (earlierDischarge && earlierDischarge.hadm !== hadmKey) discharge = earlierDischarge;
  }
  return { trajectory, window, admission, discharge };
}
