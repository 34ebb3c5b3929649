// The 27 EHR-Bench decision-making keys (scripts/data_configs/ehr_bench_decision_making.json),
// instructions verbatim from mimiciv_dataset/mimiciv.py. The paper counts 24: the code adds
// next_event and splits CCS/ATC variants.
import { readNextAdmissionType, readNextEventTable, readNextItems } from "./read-ground-truth";
import type { TaskDefinition } from "./task-types";

const PREFIX = "Given the sequence of events that have occurred in a hospital, please give the next ";
const SUFFIX = " suggestion for the patients.";

type DecisionSpec = {
  key: string;
  title: string;
  /** The {X} of the instruction, as the authors wrote it. */
  subject: string;
  /** The table whose rows answer the task. */
  table: string;
  /** Column read from a dictionary the app lacks (CCS/ATC variants). */
  mappedColumn?: string;
  /** Extra tables needed: external maps (d_ccs_*, d_atc_*), named after the authors' index files. */
  extraTables?: string[];
  /** The target column, for the ground-truth description. */
  answerColumn: string;
  note?: string;
  hidesDischarge?: boolean;
};

const ED_NOTE = "needs the MIMIC-IV-ED module (ed/ tables), which the MIMIC-IV demo does not include";
const CCS_NOTE = "needs an ICD→CCS map (d_ccs_*), which the app does not have";
const ATC_NOTE = "needs an NDC→ATC map (d_atc_prescriptions), which the app does not have";

// Concept systems of the MIMIC-IV importer (lib/ehr/mimic-iv/tables.ts); ICD-10 titles first.
const CONCEPTS: Record<string, readonly string[]> = {
  labevents: ["mimic-iv/d_labitems"],
  chartevents: ["mimic-iv/d_items"],
  ingredientevents: ["mimic-iv/d_items"],
  datetimeevents: ["mimic-iv/d_items"],
  procedureevents: ["mimic-iv/d_items"],
  inputevents: ["mimic-iv/d_items"],
  outputevents: ["mimic-iv/d_items"],
  diagnoses_icd: ["icd10-dx", "icd9-dx"],
  procedures_icd: ["icd10-proc", "icd9-proc"],
};

const SPECS: DecisionSpec[] = [
  {
    key: "admissions",
    title: "Next admission type",
    subject: "Admissions",
    table: "admissions",
    answerColumn: "admission_type",
  },
  {
    key: "omr",
    title: "Next outpatient measurements (OMR)",
    subject: "Online Medical Record",
    table: "omr",
    answerColumn: "result_name",
  },
  {
    key: "emar",
    title: "Next medication administrations (eMAR)",
    subject: "Electronic Medicine Administration Record",
    table: "emar",
    answerColumn: "medication",
  },
  {
    key: "procedures_icd",
    title: "Next procedures (ICD)",
    subject: "Procedures International Classification of Diseases Item",
    table: "procedures_icd",
    answerColumn: "ICD long title",
  },
  {
    key: "procedures_ccs",
    title: "Next procedures (CCS)",
    subject: "Procedures Clinical Classifications Software Item",
    table: "procedures_icd",
    mappedColumn: "CCS Type",
    extraTables: ["d_ccs_procedures"],
    answerColumn: "CCS Type",
    note: CCS_NOTE,
  },
  {
    key: "diagnoses_icd",
    title: "Next diagnoses (ICD)",
    subject: "Diagnoses International Classification of Diseases Item",
    table: "diagnoses_icd",
    answerColumn: "ICD long title",
    hidesDischarge: true,
  },
  {
    key: "diagnoses_ccs",
    title: "Next diagnoses (CCS)",
    subject: "Diagnoses Clinical Classifications Software Item",
    table: "diagnoses_icd",
    mappedColumn: "CCS Type",
    extraTables: ["d_ccs_diagnoses"],
    answerColumn: "CCS Type",
    note: CCS_NOTE,
    hidesDischarge: true,
  },
  {
    key: "labevents",
    title: "Next laboratory tests",
    subject: "Labotary Test Events",
    table: "labevents",
    answerColumn: "d_labitems label",
  },
  {
    key: "microbiologyevents",
    title: "Next microbiology tests",
    subject: "Microbiology Test Events",
    table: "microbiologyevents",
    answerColumn: "test_name",
  },
  { key: "services", title: "Next service", subject: "Services", table: "services", answerColumn: "curr_service" },
  {
    key: "transfers",
    title: "Next transfer (care unit)",
    subject: "Transfers",
    table: "transfers",
    answerColumn: "careunit, else eventtype",
  },
  {
    key: "poe",
    title: "Next provider orders (type)",
    subject: "Provider Order Entry",
    table: "poe",
    answerColumn: "order_type",
  },
  {
    key: "radiology",
    title: "Next radiology examinations",
    subject: "Radiology Examinations",
    table: "radiology",
    answerColumn: "exam_name",
  },
  {
    key: "prescriptions",
    title: "Next prescriptions",
    subject: "Prescriptions",
    table: "prescriptions",
    answerColumn: "drug",
  },
  {
    key: "prescriptions_atc",
    title: "Next prescriptions (ATC class)",
    subject: "Anatomical Therapeutic Chemical Classification Prescriptions",
    table: "prescriptions",
    mappedColumn: "ATC Type",
    extraTables: ["d_atc_prescriptions"],
    answerColumn: "ATC Type",
    note: ATC_NOTE,
  },
  {
    key: "pyxis",
    title: "Next ED dispensations (Pyxis)",
    subject: "ED Pyxis",
    table: "pyxis",
    answerColumn: "name",
    note: ED_NOTE,
  },
  {
    key: "medrecon",
    title: "Next ED medication reconciliation",
    subject: "ED Medrecon",
    table: "medrecon",
    answerColumn: "name",
    note: ED_NOTE,
  },
  {
    key: "medrecon_atc",
    title: "Next ED medication reconciliation (ATC class)",
    subject: "ED Medrecon on Anatomical Therapeutic Chemical (ATC) Classification",
    table: "medrecon",
    mappedColumn: "ATC Type",
    extraTables: ["d_atc_prescriptions"],
    answerColumn: "ATC Type",
    note: `${ED_NOTE}; ${ATC_NOTE}`,
  },
  {
    key: "diagnosis",
    title: "Next ED diagnoses (ICD)",
    subject: "ED Diagnoses on International Classification of Diseases",
    table: "diagnosis",
    answerColumn: "icd_title",
    note: ED_NOTE,
    hidesDischarge: true,
  },
  {
    key: "diagnosis_ccs",
    title: "Next ED diagnoses (CCS)",
    subject: "ED Diagnoses on Clinical Classifications Software Item",
    table: "diagnosis",
    mappedColumn: "CCS Type",
    extraTables: ["d_ccs_diagnoses"],
    answerColumn: "CCS Type",
    note: `${ED_NOTE}; ${CCS_NOTE}`,
    hidesDischarge: true,
  },
  {
    key: "chartevents",
    title: "Next ICU charted items",
    subject: "Chart Events",
    table: "chartevents",
    answerColumn: "d_items label",
  },
  {
    key: "ingredientevents",
    title: "Next ICU ingredients",
    subject: "Ingredient Events",
    table: "ingredientevents",
    answerColumn: "d_items label",
  },
  {
    key: "datetimeevents",
    title: "Next ICU date/time events",
    subject: "Datetime Events",
    table: "datetimeevents",
    answerColumn: "d_items label",
  },
  {
    key: "procedureevents",
    title: "Next ICU procedures",
    subject: "Procedure Events",
    table: "procedureevents",
    answerColumn: "d_items label",
  },
  {
    key: "inputevents",
    title: "Next ICU inputs",
    subject: "Input Events",
    table: "inputevents",
    answerColumn: "d_items label",
  },
  {
    key: "outputevents",
    title: "Next ICU outputs",
    subject: "Output Events",
    table: "outputevents",
    answerColumn: "d_items label",
  },
];

function decisionTask(spec: DecisionSpec): TaskDefinition {
  const requiredTables = [spec.table, ...(spec.extraTables ?? [])];
  const task: TaskDefinition = {
    key: spec.key,
    group: "decision_making",
    answerType: "item_list",
    title: spec.title,
    instruction: `${PREFIX}${spec.subject}${SUFFIX}`,
    contextRule: "admission_24h_before_cutoff",
    sourceTable: requiredTables.join(","),
    requiredTables,
    targetTable: spec.table,
    conceptSystems: spec.mappedColumn ? [] : (CONCEPTS[spec.key] ?? []),
    excludedTables: spec.hidesDischarge ? ["discharge"] : [],
    groundTruth:
      spec.key === "admissions"
        ? "admission_type of the first admission starting at or after the cut-off"
        : `distinct ${spec.answerColumn} of the first ${spec.table} event (rows sharing one time) at or after the cut-off, same admission`,
    thinkingDefault: true,
    note: spec.note,
    readGroundTruth: () => ({ kind: "unknown", reason: "not set" }),
  };
  task.readGroundTruth = spec.key === "admissions" ? readNextAdmissionType : readNextItems(task, spec.mappedColumn);
  return task;
}

const nextEvent: TaskDefinition = {
  key: "next_event",
  group: "decision_making",
  answerType: "item_list",
  title: "Next event type",
  instruction: `${PREFIX}event${SUFFIX}`,
  contextRule: "admission_24h_before_cutoff",
  sourceTable: "",
  requiredTables: [],
  conceptSystems: [],
  excludedTables: [],
  groundTruth:
    "the MIMIC-IV table (labevents, prescriptions...) of the first event at or after the cut-off, same admission",
  thinkingDefault: true,
  readGroundTruth: readNextEventTable,
};

export const DECISION_TASKS: readonly TaskDefinition[] = [...SPECS.map(decisionTask), nextEvent];
