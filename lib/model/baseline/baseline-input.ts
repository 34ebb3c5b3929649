// What the baseline predictor reads: the same record slice as the prompt serializer.
import type { RecordEncounter, RecordEvent, RecordPatient } from "../record";
import type { TaskDefinition } from "../tasks/task-types";

export type BaselineInput = {
  task: TaskDefinition;
  patient: RecordPatient;
  encounters: readonly RecordEncounter[];
  /** The patient's events; only those before the cut-off are read. */
  events: readonly RecordEvent[];
  cutoff: Date;
  /** Most items to list for item tasks (default: the typical size of the table's events). */
  topN?: number;
};

export type BaselinePrediction = {
  /** "## Extraction / ## Reasoning / ## Final Results", like EHR-R1's reasoning. */
  reasoning: string;
  /** One item per line, or "yes" / "no". */
  answer: string;
  items: string[];
  /** P(yes) for yes/no tasks. */
  probability: number | null;
};

export const BASELINE_LABEL = "baseline, not EHR-R1";
export const BASELINE_MODEL = "baseline (not EHR-R1)";
