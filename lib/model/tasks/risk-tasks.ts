// The 18 EHR-Bench risk-prediction tasks (scripts/data_configs/ehr_bench_risk_prediction.json),
// instructions verbatim from mimiciv_dataset/mimiciv.py, including the authors' missing full
// stops and "within 1 day."/"within 2 day.": the model was trained on those exact strings.
import {
  readEdOutcome,
  readIcuMortality,
  readIcuReadmission,
  readIcuStayLength,
  readInHospitalDeath,
  readLengthOfStay,
  readReadmission,
} from "./read-ground-truth";
import type { ContextRule, GroundTruthInput, GroundTruth, TaskDefinition } from "./task-types";

const PREFIX = "Given the sequence of events that have occurred in a hospital, please predict whether ";
const ED_NOTE = "needs the MIMIC-IV-ED module (ed/ tables), which the MIMIC-IV demo does not include";

type RiskSpec = {
  key: string;
  title: string;
  /** The instruction after "please predict whether ". */
  question: string;
  rule: ContextRule;
  tables: string[];
  groundTruth: string;
  read: (task: TaskDefinition) => (input: GroundTruthInput) => GroundTruth;
  note?: string;
};

const icuMortality = (n: number): RiskSpec => ({
  key: `ICU_Mortality_${n}day`,
  title: `ICU mortality within ${n} day${n > 1 ? "s" : ""}`,
  question: `the patient will die within ${n} day.`,
  rule: "icu_first_24h",
  tables: ["icustays", "admissions"],
  groundTruth: `yes if the patient died less than ${n * 24} h after the end of the ICU window (admissions.deathtime, else the patient's date of death)`,
  read: (task) => readIcuMortality(task, n),
});

// task_sample_info_gen.py anchors readmission on the discharge note (MIMIC-IV-Note).
const READMISSION_NOTE =
  "The window is the day before the discharge note, note included, as in EHR-Bench. A record without discharge notes (MIMIC-IV-Note not imported) gets the day before the admission's discharge instead: a prompt, but not a benchmark sample.";

const SPECS: RiskSpec[] = [
  {
    key: "ED_Hospitalization",
    title: "Hospitalization after the ED visit",
    question: "the patient will be hospitalized after the emergency room visit.",
    rule: "ed_stay",
    tables: ["edstays", "admissions"],
    groundTruth: "yes if the ED stay led to an admission (edstays.hadm_id)",
    read: (t) => readEdOutcome(t, "hospitalization"),
    note: ED_NOTE,
  },
  {
    key: "ED_Inpatient_Mortality",
    title: "In-hospital death after the ED visit",
    question: "the patient will die during hospitalization.",
    rule: "ed_stay",
    tables: ["edstays", "admissions"],
    groundTruth: "yes if the admission that followed the ED stay ended in death",
    read: (t) => readEdOutcome(t, "mortality"),
    note: ED_NOTE,
  },
  {
    key: "ED_ICU_Tranfer_12hour",
    title: "ICU transfer within 12 h of the ED",
    question: "the patient will be transferred to the ICU within 12 hours after the emergency room.",
    rule: "ed_stay",
    tables: ["edstays", "admissions", "icustays"],
    groundTruth: "yes if an ICU stay of the following admission began less than 12 h after the ED out-time",
    read: (t) => readEdOutcome(t, "icu_12h"),
    note: ED_NOTE,
  },
  {
    key: "ED_Reattendance_3day",
    title: "ED return within 72 h",
    question: "the patient will return to the emergency department within 72 hours after the emergency visit.",
    rule: "ed_stay",
    tables: ["edstays"],
    groundTruth: "yes if the next ED stay began less than 72 h after this one ended",
    read: (t) => readEdOutcome(t, "reattendance_3d"),
    note: ED_NOTE,
  },
  {
    key: "ED_Critical_Outcomes",
    title: "Critical outcome after the ED visit",
    question:
      "the patient will die during hospitalization or will be transferred to the ICU within 12 hours after the emergency room.",
    rule: "ed_stay",
    tables: ["edstays", "admissions", "icustays"],
    groundTruth: "yes if in-hospital death or ICU transfer within 12 h",
    read: (t) => readEdOutcome(t, "critical"),
    note: ED_NOTE,
  },
  {
    key: "Readmission_30day",
    title: "Readmission within 30 days",
    question: "the patient will be readmitted to the hospital within 30 days",
    rule: "admission_last_24h",
    tables: ["admissions"],
    groundTruth: "yes if the next admission began less than 30 days after discharge",
    read: (t) => readReadmission(t, 30),
    note: READMISSION_NOTE,
  },
  {
    key: "Readmission_60day",
    title: "Readmission within 60 days",
    question: "the patient will be readmitted to the hospital within 60 days",
    rule: "admission_last_24h",
    tables: ["admissions"],
    groundTruth: "yes if the next admission began less than 60 days after discharge",
    read: (t) => readReadmission(t, 60),
    note: READMISSION_NOTE,
  },
  {
    key: "Inpatient_Mortality",
    title: "In-hospital mortality",
    question: "the patient will die during hospitalization.",
    rule: "admission_first_24h",
    tables: ["admissions"],
    groundTruth:
      "yes if admissions.hospital_expire_flag = 1 or deathtime is set (else: date of death on or before discharge)",
    read: readInHospitalDeath,
  },
  {
    key: "LengthOfStay_3day",
    title: "Length of stay over 3 days",
    question: "the patient's hospital stay will exceed 3 days.",
    rule: "admission_first_24h",
    tables: ["admissions"],
    groundTruth: "yes if dischtime - admittime > 72 h",
    read: (t) => readLengthOfStay(t, 3),
  },
  {
    key: "LengthOfStay_7day",
    title: "Length of stay over 7 days",
    question: "the patient's hospital stay will exceed 7 days",
    rule: "admission_first_24h",
    tables: ["admissions"],
    groundTruth: "yes if dischtime - admittime > 168 h",
    read: (t) => readLengthOfStay(t, 7),
  },
  ...[1, 2, 3, 7, 14].map(icuMortality),
  {
    key: "ICU_Stay_7day",
    title: "ICU stay of 7 days or more",
    question: "the patient will stay in the ICU for more than 7 days.",
    rule: "icu_first_24h",
    tables: ["icustays"],
    groundTruth: "yes if outtime - intime >= 7 days",
    read: (t) => readIcuStayLength(t, 7),
  },
  {
    key: "ICU_Stay_14day",
    title: "ICU stay of 14 days or more",
    question: "the patient will stay in the ICU for more than 14 days.",
    rule: "icu_first_24h",
    tables: ["icustays"],
    groundTruth: "yes if outtime - intime >= 14 days",
    read: (t) => readIcuStayLength(t, 14),
  },
  {
    key: "ICU_Readmission",
    title: "ICU readmission in the same hospitalization",
    question: "the patient will be admitted to the ICU again during this hospitalization",
    rule: "icu_first_24h",
    tables: ["icustays"],
    groundTruth: "yes if a later ICU stay belongs to the same admission",
    read: readIcuReadmission,
  },
];

function riskTask(spec: RiskSpec): TaskDefinition {
  const task: TaskDefinition = {
    key: spec.key,
    group: "risk_prediction",
    answerType: "yes_no",
    title: spec.title,
    instruction: `${PREFIX}${spec.question}`,
    contextRule: spec.rule,
    sourceTable: spec.tables.join(","),
    requiredTables: spec.tables,
    conceptSystems: [],
    excludedTables: [],
    groundTruth: spec.groundTruth,
    // The authors score risk tasks from one token with thinking off (P(yes) for AUROC).
    thinkingDefault: false,
    note: spec.note,
    readGroundTruth: () => ({ kind: "unknown", reason: "not set" }),
  };
  task.readGroundTruth = spec.read(task);
  return task;
}

export const RISK_TASKS: readonly TaskDefinition[] = SPECS.map(riskTask);
