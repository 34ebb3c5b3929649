// The EHR-Bench task catalog's shapes. A task is data (key, instruction, context rule...) plus
// the one function that reads its ground truth from the record after the cut-off.
import type { RecordEncounter, RecordEvent, RecordPatient } from "../record";

export type TaskGroup = "decision_making" | "risk_prediction";
export type AnswerType = "item_list" | "yes_no";

/**
 * Which events form the prompt's window (EHR-Bench's sampling, task_sample_info_gen.py):
 * - `admission_24h_before_cutoff`: same admission, the 24 h before the cut-off (decision tasks);
 * - `admission_first_24h`: the first 24 h of the admission (mortality, length of stay);
 * - `icu_first_24h`: the first 24 h of the ICU stay (ICU tasks);
 * - `admission_last_24h`: the 24 h before discharge (readmission);
 * - `ed_stay`: the emergency-department stay up to its end (ED tasks).
 */
export type ContextRule =
  "admission_24h_before_cutoff" | "admission_first_24h" | "icu_first_24h" | "admission_last_24h" | "ed_stay";

/** What the record says the answer was; `unknown` when the record cannot tell (yet). */
export type GroundTruth =
  | { kind: "items"; items: string[]; evidence: string; eventIds: string[]; time: Date }
  | { kind: "yes_no"; answer: "yes" | "no"; evidence: string }
  | { kind: "unknown"; reason: string };

export type GroundTruthInput = {
  patient: RecordPatient;
  encounters: readonly RecordEncounter[];
  /** The patient's events; only those at or after the cut-off are read. */
  events: readonly RecordEvent[];
  cutoff: Date;
};

export type TaskDefinition = {
  key: string;
  group: TaskGroup;
  answerType: AnswerType;
  title: string;
  /** Verbatim from the authors' code: the model was trained on these exact strings. */
  instruction: string;
  contextRule: ContextRule;
  /** Tables that must be imported for the task to be available, comma-separated (DB column). */
  sourceTable: string;
  requiredTables: readonly string[];
  /** Decision tasks: the table whose next rows are the answer. */
  targetTable?: string;
  /**
   * Concept systems (Concept.system, as the MIMIC-IV importer names them) whose labels the
   * answer items are, in order of preference, for matchItems. Empty: the items are free text.
   */
  conceptSystems: readonly string[];
  /** Tables left out of the window (diagnosis tasks hide discharge notes: they give the answer away). */
  excludedTables: readonly string[];
  /** How the ground truth is read, in words (stored in Task.groundTruth). */
  groundTruth: string;
  /** Reasoning on by default for decision tasks; risk tasks follow the authors' one-token runs. */
  thinkingDefault: boolean;
  /** Why the task may be unavailable even with its table (ED module, external CCS/ATC maps). */
  note?: string;
  readGroundTruth: (input: GroundTruthInput) => GroundTruth;
};
