// The cut-off a new run starts with, per task and admission. Risk tasks follow their own rule
// (defaultCutoff: 24 h into the admission or ICU stay, the discharge, the end of the ED stay).
// Decision tasks are cut at one of the authors' sample times (an event of the target table with
// same-admission context in the day before it), so a reviewer's default run is a benchmark
// sample, with a ground truth right after it.
import { hours, type RecordEncounter } from "../model/record";
import { admissionOfEdStay, defaultCutoff } from "../model/tasks/context-window";
import type { TaskDefinition } from "../model/tasks/task-types";

/** When a table's events happen in one admission. */
export type TableTimes = {
  table: string;
  /** The first event at least 24 h after the admission started, if any. */
  firstAfterDay: Date | null;
  last: Date;
  /** The authors' decision samples of this table in the admission (sample-window.ts), in time order. */
  samples?: readonly Date[];
};

const minTime = (a: Date, b: Date | null | undefined) => (b && b.getTime() < a.getTime() ? b : a);

/** A suggested cut-off, or null when the admission has nothing the task's rule can anchor on. */
export function suggestCutoff(
  task: TaskDefinition,
  admission: RecordEncounter,
  encounters: readonly RecordEncounter[],
  tableTimes: readonly TableTimes[],
): Date | null {
  switch (task.contextRule) {
    case "admission_24h_before_cutoff": {
      // "Next admission type": predicted from the day before the admission itself.
      if (task.key === "admissions") return admission.start;
      const target = tableTimes.find((t) => t.table === task.targetTable);
      const dayIn = minTime(new Date(admission.start.getTime() + hours(24)), admission.end);
      // A benchmark sample's time when the admission has one: the first a day in, else the last.
      const samples = target?.samples ?? [];
      if (samples.length) return samples.find((t) => t.getTime() >= dayIn.getTime()) ?? samples[samples.length - 1];
      return target ? (target.firstAfterDay ?? target.last) : dayIn;
    }
    case "admission_first_24h":
    case "admission_last_24h":
      return defaultCutoff(task, admission) ?? null;
    case "icu_first_24h": {
      const stay = encounters.find((e) => e.kind === "icu_stay" && e.parentId === admission.id);
      return stay ? (defaultCutoff(task, stay) ?? null) : null;
    }
    case "ed_stay": {
      const stay = encounters.find(
        (e) => e.kind === "ed_stay" && admissionOfEdStay(e, encounters)?.id === admission.id,
      );
      return stay ? (defaultCutoff(task, stay) ?? null) : null;
    }
  }
}
