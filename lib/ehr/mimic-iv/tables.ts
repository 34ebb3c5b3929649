// What the importer knows about each MIMIC-IV table (hosp/icu v2.2-v3.x, ED and Note v2.2
// layouts): the columns it requires, which columns must be numbers, identifiers or times, and
// how a row becomes records. TABLES is in reading order: dictionaries first (they name codes),
// then patients, admissions and ICU stays, then events; ED stays come just before the ED rows
// that take their times from them. Required columns are the ones read here or shown by the
// EHR-R1 serializer (see /work/shared/EHR-R1.md); other columns are kept in attributes.
import type { EventCategory } from "../../generated/prisma/enums";
import type { ConceptRecord, EventRecord, ImportRecord } from "../import-record";
import { parseNumber } from "./parse-number";
import { type ColumnTypes, type Row, RowError } from "./row";

export type IcuItem = { label: string; low?: number; high?: number };

/** What earlier tables taught the reader: dictionary labels and admission discharge times. */
export type ReaderState = {
  labItems: Map<string, string>;
  icuItems: Map<string, IcuItem>;
  /** Keyed by `${icd_version}:${icd_code}`. */
  icdDiagnoses: Map<string, string>;
  icdProcedures: Map<string, string>;
  /** hadm_id -> dischtime, for the selected patients. */
  dischargeTimes: Map<string, Date | undefined>;
  /** ED stay_id -> its times, for the selected patients (triage and ED diagnoses have none). */
  edStays: Map<string, { intime: Date; outtime?: Date }>;
};

export function emptyReaderState(): ReaderState {
  return {
    labItems: new Map(),
    icuItems: new Map(),
    icdDiagnoses: new Map(),
    icdProcedures: new Map(),
    dischargeTimes: new Map(),
    edStays: new Map(),
  };
}

export type Module = "hosp" | "icu" | "note" | "ed";

export type TableSpec = {
  name: string;
  module: Module;
  required: readonly string[];
  types: ColumnTypes;
  /** Tables that must be in the same import: to name this table's codes or to date its rows. */
  needs?: readonly string[];
  /** One valid row to records; throws RowError to reject the row. Absent: table not imported. */
  toRecords?: (row: Row, state: ReaderState) => ImportRecord | ImportRecord[];
};

/**
 * The columns an event mapping fills; the rest of EventRecord is common to every table. A
 * mapping may set the category of one row where its table's does not fit every row.
 */
type EventFields = Pick<EventRecord, "time" | "label"> &
  Partial<
    Pick<
      EventRecord,
      "endTime" | "codeSystem" | "code" | "valueNum" | "unit" | "valueText" | "refLow" | "refHigh" | "flag" | "category"
    >
  >;

/**
 * OMR results that are vital signs (blood pressure, weight, height, BMI, with or without a
 * unit or position in the name: "Blood Pressure Sitting", "Weight (Lbs)"); the rest (eGFR)
 * stay observations. The migration 20261206201500_omr_vital_signs applies the same rule to
 * rows imported before.
 */
export const OMR_VITAL_SIGN = /^(blood pressure|weight|height|bmi)\b/i;

type EventTableOptions = {
  name: string;
  module: Module;
  category: EventCategory;
  /** Columns whose values identify a row (its provenance); "hash" where the table has none. */
  key: readonly string[] | "hash";
  required: readonly string[];
  types: ColumnTypes;
  needs?: readonly string[];
  /** Columns moved to a first-class field and not repeated in attributes (note text). */
  omit?: readonly string[];
  /** The column naming the event's encounter: hadm_id, or stay_id for ED tables (no hadm_id). */
  encounter?: "hadm_id" | "stay_id";
  map: (row: Row, state: ReaderState) => EventFields;
};

function origin(row: Row) {
  return { file: row.file, line: row.line };
}

/**
 * Provenance is "<table>:<key values>" (e.g. "labevents:172061"); tables without a natural
 * key use "<table>:#<hash of the whole row>", so identical rows collapse into one event and a
 * re-import finds the same keys. Two truly separate but identical rows cannot be told apart
 * in the source either.
 */
function provenance(name: string, key: readonly string[] | "hash", row: Row): string {
  if (key === "hash") return `${name}:#${row.contentHash()}`;
  return `${name}:${key.map((column) => row.required(column)).join(":")}`;
}

function eventTable(options: EventTableOptions): TableSpec {
  const omit = options.omit ? new Set(options.omit) : undefined;
  return {
    name: options.name,
    module: options.module,
    required: options.required,
    types: options.types,
    needs: options.needs,
    toRecords: (row, state) => {
      const fields = options.map(row, state);
      return {
        kind: "event",
        patientExternalId: row.required("subject_id"),
        encounterExternalId: row.text(options.encounter ?? "hadm_id") ?? null,
        category: options.category,
        sourceTable: options.name,
        ...fields,
        attributes: row.attributes(omit),
        provenance: provenance(options.name, options.key, row),
        sourceRow: row.rowIndex,
        origin: origin(row),
      };
    },
  };
}

function labItem(row: Row, state: ReaderState): { code: string; label: string } {
  const code = row.required("itemid");
  const label = state.labItems.get(code);
  if (label === undefined) throw new RowError(`itemid ${code} is not in d_labitems`);
  return { code, label };
}

function icuItem(row: Row, state: ReaderState): IcuItem & { code: string } {
  const code = row.required("itemid");
  const item = state.icuItems.get(code);
  if (item === undefined) throw new RowError(`itemid ${code} is not in d_items`);
  return { code, ...item };
}

function icdVersion(row: Row): 9 | 10 {
  const version = row.required("icd_version");
  if (version !== "9" && version !== "10") throw new RowError(`icd_version must be 9 or 10, found ${version}`);
  return version === "9" ? 9 : 10;
}

function icdConcept(row: Row, kind: "dx" | "proc", into: Map<string, string>): ConceptRecord {
  const version = icdVersion(row);
  const code = row.required("icd_code");
  const label = row.text("long_title") ?? `ICD-${version} ${code}`;
  into.set(`${version}:${code}`, label);
  return { kind: "concept", system: `icd${version}-${kind}`, code, label, origin: origin(row) };
}

function icdEvent(row: Row, kind: "dx" | "proc", titles: Map<string, string>, dictionary: string) {
  const version = icdVersion(row);
  const code = row.required("icd_code");
  const label = titles.get(`${version}:${code}`);
  if (label === undefined) throw new RowError(`ICD-${version} code ${code} is not in ${dictionary}`);
  return { version, code, label, codeSystem: `icd${version}-${kind}` };
}

/** Official tables this importer recognises and deliberately leaves out (counted as skipped). */
const NOT_IMPORTED: { name: string; module: Module }[] = [
  ...["d_hcpcs", "hcpcsevents", "drgcodes", "emar_detail", "poe_detail", "provider"].map((name) => ({
    name,
    module: "hosp" as const,
  })),
  { name: "caregiver", module: "icu" },
  { name: "discharge_detail", module: "note" },
  { name: "radiology_detail", module: "note" },
];

const ICU_EVENT_IDS = ["subject_id", "hadm_id", "stay_id", "caregiver_id", "itemid"];
const ED_VITALS = ["temperature", "heartrate", "resprate", "o2sat", "sbp", "dbp"];

function edStay(row: Row, state: ReaderState) {
  const stayId = row.required("stay_id");
  const stay = state.edStays.get(stayId);
  if (!stay) throw new RowError(`stay_id ${stayId} is not in edstays (its time comes from the ED stay)`);
  return stay;
}

/** MIMIC-IV-ED medication tables: a drug name at a charted time. */
function edMedicationTable(name: "medrecon" | "pyxis", ids: string[]): TableSpec {
  return eventTable({
    name,
    module: "ed",
    category: "medication",
    key: "hash",
    encounter: "stay_id",
    required: ["subject_id", "stay_id", "charttime", "name"],
    types: { ids: ["subject_id", "stay_id", ...ids], times: ["charttime"] },
    map: (row) => ({ time: row.requiredTime("charttime"), label: row.required("name") }),
  });
}

function noteTable(name: "discharge" | "radiology", label: string): TableSpec {
  return eventTable({
    name,
    module: "note",
    category: "note",
    key: ["note_id"],
    required: ["note_id", "subject_id", "hadm_id", "note_type", "charttime", "text"],
    types: { ids: ["subject_id", "hadm_id", "note_seq"], times: ["charttime", "storetime"] },
    omit: ["text"],
    map: (row) => ({ time: row.requiredTime("charttime"), label, valueText: row.required("text") }),
  });
}

export const TABLES: readonly TableSpec[] = [
  // Dictionaries: read first, kept in memory to name codes, and imported as concepts.
  {
    name: "d_labitems",
    module: "hosp",
    required: ["itemid", "label"],
    types: { ids: ["itemid"] },
    toRecords: (row, state) => {
      const code = row.required("itemid");
      // Three official itemids have no label; the code then names itself.
      const label = row.text("label") ?? `itemid ${code}`;
      state.labItems.set(code, label);
      const attributes = row.attributes(new Set(["itemid", "label"]));
      return { kind: "concept", system: "mimic-iv/d_labitems", code, label, attributes, origin: origin(row) };
    },
  },
  {
    name: "d_items",
    module: "icu",
    required: ["itemid", "label"],
    types: { ids: ["itemid"], numeric: ["lownormalvalue", "highnormalvalue"] },
    toRecords: (row, state) => {
      const code = row.required("itemid");
      const label = row.text("label") ?? `itemid ${code}`;
      state.icuItems.set(code, {
        label,
        low: row.number("lownormalvalue"),
        high: row.number("highnormalvalue"),
      });
      const attributes = row.attributes(new Set(["itemid", "label"]));
      return { kind: "concept", system: "mimic-iv/d_items", code, label, attributes, origin: origin(row) };
    },
  },
  {
    name: "d_icd_diagnoses",
    module: "hosp",
    required: ["icd_code", "icd_version", "long_title"],
    types: {},
    toRecords: (row, state) => icdConcept(row, "dx", state.icdDiagnoses),
  },
  {
    name: "d_icd_procedures",
    module: "hosp",
    required: ["icd_code", "icd_version", "long_title"],
    types: {},
    toRecords: (row, state) => icdConcept(row, "proc", state.icdProcedures),
  },

  // Patients and encounters.
  {
    name: "patients",
    module: "hosp",
    required: ["subject_id", "gender", "anchor_age", "anchor_year", "dod"],
    types: { ids: ["subject_id", "anchor_age", "anchor_year"], times: ["dod"] },
    toRecords: (row) => ({
      kind: "patient",
      externalId: row.required("subject_id"),
      gender: row.text("gender") ?? null,
      anchorAge: Number(row.required("anchor_age")),
      anchorYear: Number(row.required("anchor_year")),
      deathTime: row.time("dod") ?? null,
      demographics: row.attributes(new Set(["gender", "anchor_age", "anchor_year", "dod"])),
      origin: origin(row),
    }),
  },
  {
    name: "admissions",
    module: "hosp",
    required: ["subject_id", "hadm_id", "admittime", "dischtime", "admission_type", "admission_location"],
    types: {
      ids: ["subject_id", "hadm_id", "hospital_expire_flag"],
      times: ["admittime", "dischtime", "deathtime", "edregtime", "edouttime"],
    },
    toRecords: (row, state) => {
      const hadmId = row.required("hadm_id");
      const start = row.requiredTime("admittime");
      const end = row.time("dischtime") ?? null;
      state.dischargeTimes.set(hadmId, end ?? undefined);
      const attributes = row.attributes();
      const patientExternalId = row.required("subject_id");
      return [
        {
          kind: "encounter",
          patientExternalId,
          encounterKind: "admission",
          externalId: hadmId,
          start,
          end,
          attributes,
          provenance: `admissions:${hadmId}`,
          origin: origin(row),
        },
        // The admission is also an event, so a timeline (and the serializer's "Admissions"
        // block) is one query over events.
        {
          kind: "event",
          patientExternalId,
          encounterExternalId: hadmId,
          time: start,
          endTime: end,
          category: "admission",
          sourceTable: "admissions",
          label: row.required("admission_type"),
          valueText: row.text("admission_location") ?? null,
          attributes,
          provenance: `admissions:${hadmId}`,
          sourceRow: row.rowIndex,
          origin: origin(row),
        },
      ];
    },
  },
  {
    name: "icustays",
    module: "icu",
    required: ["subject_id", "hadm_id", "stay_id", "first_careunit", "last_careunit", "intime", "outtime"],
    types: { ids: ["subject_id", "hadm_id", "stay_id"], numeric: ["los"], times: ["intime", "outtime"] },
    toRecords: (row) => ({
      kind: "encounter",
      patientExternalId: row.required("subject_id"),
      encounterKind: "icu_stay",
      externalId: row.required("stay_id"),
      parentExternalId: row.required("hadm_id"),
      start: row.requiredTime("intime"),
      end: row.time("outtime") ?? null,
      attributes: row.attributes(),
      provenance: `icustays:${row.required("stay_id")}`,
      origin: origin(row),
    }),
  },

  // Events. ICU events link to their admission (hadm_id); stay_id stays in attributes.
  eventTable({
    name: "transfers",
    module: "hosp",
    category: "transfer",
    key: ["transfer_id"],
    required: ["subject_id", "hadm_id", "transfer_id", "eventtype", "careunit", "intime", "outtime"],
    types: { ids: ["subject_id", "hadm_id", "transfer_id"], times: ["intime", "outtime"] },
    map: (row) => ({
      time: row.requiredTime("intime"),
      endTime: row.time("outtime") ?? null,
      // A discharge row has no care unit: its event type names it.
      label: row.text("careunit") ?? row.required("eventtype"),
      valueText: row.required("eventtype"),
    }),
  }),
  eventTable({
    name: "services",
    module: "hosp",
    category: "transfer",
    key: "hash",
    required: ["subject_id", "hadm_id", "transfertime", "prev_service", "curr_service"],
    types: { ids: ["subject_id", "hadm_id"], times: ["transfertime"] },
    map: (row) => ({ time: row.requiredTime("transfertime"), label: row.required("curr_service") }),
  }),
  eventTable({
    name: "labevents",
    module: "hosp",
    category: "lab",
    key: ["labevent_id"],
    required: [
      "labevent_id",
      "subject_id",
      "hadm_id",
      "itemid",
      "charttime",
      "value",
      "valuenum",
      "valueuom",
      "ref_range_lower",
      "ref_range_upper",
      "flag",
      "comments",
    ],
    types: {
      ids: ["labevent_id", "subject_id", "hadm_id", "specimen_id", "itemid"],
      numeric: ["valuenum", "ref_range_lower", "ref_range_upper"],
      times: ["charttime", "storetime"],
    },
    needs: ["d_labitems"],
    map: (row, state) => {
      const item = labItem(row, state);
      return {
        time: row.requiredTime("charttime"),
        codeSystem: "mimic-iv/d_labitems",
        code: item.code,
        label: item.label,
        valueNum: row.number("valuenum") ?? null,
        unit: row.text("valueuom") ?? null,
        valueText: row.text("value") ?? null,
        refLow: row.number("ref_range_lower") ?? null,
        refHigh: row.number("ref_range_upper") ?? null,
        flag: row.text("flag") ?? null,
      };
    },
  }),
  eventTable({
    name: "microbiologyevents",
    module: "hosp",
    category: "microbiology",
    key: ["microevent_id"],
    required: [
      "microevent_id",
      "subject_id",
      "hadm_id",
      "chartdate",
      "charttime",
      "test_itemid",
      "test_name",
      "org_name",
      "ab_name",
      "dilution_text",
      "interpretation",
      "comments",
    ],
    types: {
      ids: [
        "microevent_id",
        "subject_id",
        "hadm_id",
        "micro_specimen_id",
        "spec_itemid",
        "test_seq",
        "test_itemid",
        "org_itemid",
        "isolate_num",
        "ab_itemid",
      ],
      numeric: ["dilution_value"],
      times: ["chartdate", "charttime", "storedate", "storetime"],
    },
    map: (row) => ({
      // charttime is empty when only the day is known.
      time: row.time("charttime") ?? row.requiredTime("chartdate"),
      codeSystem: "mimic-iv/microbiology-test",
      code: row.text("test_itemid") ?? null,
      label: row.required("test_name"),
      valueText: row.text("org_name") ?? row.text("comments") ?? null,
      flag: row.text("interpretation") ?? null,
    }),
  }),
  eventTable({
    name: "prescriptions",
    module: "hosp",
    category: "medication",
    key: "hash",
    required: [
      "subject_id",
      "hadm_id",
      "starttime",
      "stoptime",
      "drug",
      "prod_strength",
      "dose_val_rx",
      "dose_unit_rx",
    ],
    types: {
      ids: ["subject_id", "hadm_id", "pharmacy_id", "poe_seq"],
      numeric: ["doses_per_24_hrs"],
      times: ["starttime", "stoptime"],
    },
    map: (row) => {
      const ndc = row.text("ndc");
      // dose_val_rx is text in MIMIC ("1-2", "0.5-1"): a number only when it is one.
      const dose = row.text("dose_val_rx");
      return {
        time: row.requiredTime("starttime"),
        endTime: row.time("stoptime") ?? null,
        codeSystem: ndc && ndc !== "0" ? "ndc" : null,
        code: ndc && ndc !== "0" ? ndc : null,
        label: row.required("drug"),
        valueNum: dose === undefined ? null : (parseNumber(dose) ?? null),
        unit: row.text("dose_unit_rx") ?? null,
        valueText: dose ?? null,
      };
    },
  }),
  eventTable({
    name: "emar",
    module: "hosp",
    category: "medication",
    key: ["emar_id"],
    required: ["subject_id", "hadm_id", "emar_id", "charttime", "medication", "event_txt"],
    types: {
      ids: ["subject_id", "hadm_id", "emar_seq", "pharmacy_id"],
      times: ["charttime", "scheduletime", "storetime"],
    },
    map: (row) => ({
      time: row.requiredTime("charttime"),
      label: row.text("medication") ?? "(medication not recorded)",
      valueText: row.text("event_txt") ?? null,
    }),
  }),
  // The pharmacy's record of each order (EHR-R1's "## Pharmacy" blocks), timed by its entry.
  eventTable({
    name: "pharmacy",
    module: "hosp",
    category: "medication",
    key: ["pharmacy_id"],
    required: ["subject_id", "hadm_id", "pharmacy_id", "entertime", "medication", "proc_type", "status"],
    types: {
      ids: ["subject_id", "hadm_id", "pharmacy_id"],
      times: ["starttime", "stoptime", "entertime", "verifiedtime", "expirationdate"],
    },
    map: (row) => ({
      time: row.requiredTime("entertime"),
      endTime: row.time("stoptime") ?? null,
      label: row.text("medication") ?? row.text("proc_type") ?? "(medication not recorded)",
      valueText: row.text("status") ?? null,
    }),
  }),
  eventTable({
    name: "poe",
    module: "hosp",
    category: "order",
    key: ["poe_id"],
    required: ["poe_id", "subject_id", "hadm_id", "ordertime", "order_type", "order_subtype"],
    types: { ids: ["poe_seq", "subject_id", "hadm_id"], times: ["ordertime"] },
    map: (row) => ({
      time: row.requiredTime("ordertime"),
      label: row.required("order_type"),
      valueText: row.text("order_subtype") ?? null,
    }),
  }),
  eventTable({
    name: "omr",
    module: "hosp",
    category: "observation",
    key: ["chartdate", "seq_num", "result_name"],
    required: ["subject_id", "chartdate", "seq_num", "result_name", "result_value"],
    types: { ids: ["subject_id", "seq_num"], times: ["chartdate"] },
    map: (row) => {
      // Blood pressure reads "120/80": a number only when it is one.
      const value = row.required("result_value");
      const label = row.required("result_name");
      return {
        ...(OMR_VITAL_SIGN.test(label) ? { category: "vital" as const } : {}),
        time: row.requiredTime("chartdate"),
        label,
        valueNum: parseNumber(value) ?? null,
        valueText: value,
      };
    },
  }),
  eventTable({
    name: "diagnoses_icd",
    module: "hosp",
    category: "diagnosis",
    key: ["hadm_id", "seq_num", "icd_code"],
    required: ["subject_id", "hadm_id", "seq_num", "icd_code", "icd_version"],
    types: { ids: ["subject_id", "hadm_id", "seq_num"] },
    needs: ["d_icd_diagnoses", "admissions"],
    map: (row, state) => {
      // Diagnoses are coded from the discharge summary and have no time of their own; dating
      // them at discharge keeps them out of any window before the admission ends, which is
      // what the EHR-R1 tasks expect (they are only known once the patient has left).
      const hadmId = row.required("hadm_id");
      if (!state.dischargeTimes.has(hadmId)) {
        throw new RowError(
          `hadm_id ${hadmId} is not in admissions (a diagnosis is dated at its admission's dischtime)`,
        );
      }
      const time = state.dischargeTimes.get(hadmId);
      if (time === undefined) throw new RowError(`admission ${hadmId} has no dischtime to date the diagnosis`);
      const icd = icdEvent(row, "dx", state.icdDiagnoses, "d_icd_diagnoses");
      return { time, codeSystem: icd.codeSystem, code: icd.code, label: icd.label };
    },
  }),
  eventTable({
    name: "procedures_icd",
    module: "hosp",
    category: "procedure",
    key: ["hadm_id", "seq_num", "icd_code"],
    required: ["subject_id", "hadm_id", "seq_num", "chartdate", "icd_code", "icd_version"],
    types: { ids: ["subject_id", "hadm_id", "seq_num"], times: ["chartdate"] },
    needs: ["d_icd_procedures"],
    map: (row, state) => {
      const icd = icdEvent(row, "proc", state.icdProcedures, "d_icd_procedures");
      return { time: row.requiredTime("chartdate"), codeSystem: icd.codeSystem, code: icd.code, label: icd.label };
    },
  }),
  eventTable({
    name: "chartevents",
    module: "icu",
    category: "vital",
    key: "hash",
    required: ["subject_id", "hadm_id", "stay_id", "charttime", "itemid", "value", "valuenum", "valueuom", "warning"],
    types: { ids: [...ICU_EVENT_IDS, "warning"], numeric: ["valuenum"], times: ["charttime", "storetime"] },
    needs: ["d_items"],
    map: (row, state) => {
      const item = icuItem(row, state);
      return {
        time: row.requiredTime("charttime"),
        codeSystem: "mimic-iv/d_items",
        code: item.code,
        label: item.label,
        valueNum: row.number("valuenum") ?? null,
        unit: row.text("valueuom") ?? null,
        valueText: row.text("value") ?? null,
        refLow: item.low ?? null,
        refHigh: item.high ?? null,
        flag: row.text("warning") === "1" ? "warning" : null,
      };
    },
  }),
  eventTable({
    name: "datetimeevents",
    module: "icu",
    category: "other",
    key: "hash",
    required: ["subject_id", "hadm_id", "stay_id", "charttime", "itemid", "value", "valueuom"],
    types: { ids: [...ICU_EVENT_IDS, "warning"], times: ["charttime", "storetime", "value"] },
    needs: ["d_items"],
    map: (row, state) => {
      const item = icuItem(row, state);
      return {
        time: row.requiredTime("charttime"),
        codeSystem: "mimic-iv/d_items",
        code: item.code,
        label: item.label,
        unit: row.text("valueuom") ?? null,
        valueText: row.text("value") ?? null,
      };
    },
  }),
  ...(["inputevents", "ingredientevents"] as const).map((name) =>
    eventTable({
      name,
      module: "icu",
      category: "input",
      key: "hash",
      required: [
        "subject_id",
        "hadm_id",
        "stay_id",
        "starttime",
        "endtime",
        "itemid",
        "amount",
        "amountuom",
        "rate",
        "rateuom",
      ],
      types: {
        ids: [...ICU_EVENT_IDS, "orderid", "linkorderid", "isopenbag", "continueinnextdept"],
        numeric: ["amount", "rate", "patientweight", "totalamount", "originalamount", "originalrate"],
        times: ["starttime", "endtime", "storetime"],
      },
      needs: ["d_items"],
      map: (row, state) => {
        const item = icuItem(row, state);
        return {
          time: row.requiredTime("starttime"),
          endTime: row.time("endtime") ?? null,
          codeSystem: "mimic-iv/d_items",
          code: item.code,
          label: item.label,
          valueNum: row.number("amount") ?? null,
          unit: row.text("amountuom") ?? null,
        };
      },
    }),
  ),
  eventTable({
    name: "outputevents",
    module: "icu",
    category: "output",
    key: "hash",
    required: ["subject_id", "hadm_id", "stay_id", "charttime", "itemid", "value", "valueuom"],
    types: { ids: ICU_EVENT_IDS, numeric: ["value"], times: ["charttime", "storetime"] },
    needs: ["d_items"],
    map: (row, state) => {
      const item = icuItem(row, state);
      return {
        time: row.requiredTime("charttime"),
        codeSystem: "mimic-iv/d_items",
        code: item.code,
        label: item.label,
        valueNum: row.number("value") ?? null,
        unit: row.text("valueuom") ?? null,
      };
    },
  }),
  eventTable({
    name: "procedureevents",
    module: "icu",
    category: "procedure",
    key: "hash",
    required: [
      "subject_id",
      "hadm_id",
      "stay_id",
      "starttime",
      "endtime",
      "itemid",
      "value",
      "valueuom",
      "location",
      "locationcategory",
    ],
    types: {
      ids: [...ICU_EVENT_IDS, "orderid", "linkorderid", "isopenbag", "continueinnextdept"],
      numeric: ["value", "patientweight"],
      times: ["starttime", "endtime", "storetime"],
    },
    needs: ["d_items"],
    map: (row, state) => {
      const item = icuItem(row, state);
      return {
        time: row.requiredTime("starttime"),
        endTime: row.time("endtime") ?? null,
        codeSystem: "mimic-iv/d_items",
        code: item.code,
        label: item.label,
        valueNum: row.number("value") ?? null,
        unit: row.text("valueuom") ?? null,
      };
    },
  }),
  noteTable("discharge", "Discharge summary"),
  noteTable("radiology", "Radiology report"),

  // MIMIC-IV-ED: the ED stay is an encounter (its admission, if any, is the parent); its rows
  // name the stay, not an admission.
  {
    name: "edstays",
    module: "ed",
    required: ["subject_id", "hadm_id", "stay_id", "intime", "outtime"],
    types: { ids: ["subject_id", "hadm_id", "stay_id"], times: ["intime", "outtime"] },
    toRecords: (row, state) => {
      const stayId = row.required("stay_id");
      const start = row.requiredTime("intime");
      const end = row.time("outtime");
      state.edStays.set(stayId, { intime: start, outtime: end });
      return {
        kind: "encounter",
        patientExternalId: row.required("subject_id"),
        encounterKind: "ed_stay",
        externalId: stayId,
        parentExternalId: row.text("hadm_id") ?? null,
        start,
        end: end ?? null,
        attributes: row.attributes(),
        provenance: `edstays:${stayId}`,
        origin: origin(row),
      };
    },
  },
  eventTable({
    name: "triage",
    module: "ed",
    category: "vital",
    key: ["stay_id"],
    encounter: "stay_id",
    required: ["subject_id", "stay_id", ...ED_VITALS, "pain", "acuity", "chiefcomplaint"],
    types: { ids: ["subject_id", "stay_id"], numeric: [...ED_VITALS, "acuity"] },
    needs: ["edstays"],
    // Triage has no time of its own: it happens on arrival, at the ED stay's intime.
    map: (row, state) => ({
      time: edStay(row, state).intime,
      label: "Triage",
      valueText: row.text("chiefcomplaint") ?? null,
    }),
  }),
  eventTable({
    name: "vitalsign",
    module: "ed",
    category: "vital",
    key: "hash",
    encounter: "stay_id",
    required: ["subject_id", "stay_id", "charttime", ...ED_VITALS, "rhythm", "pain"],
    types: { ids: ["subject_id", "stay_id"], numeric: ED_VITALS, times: ["charttime"] },
    map: (row) => ({
      time: row.requiredTime("charttime"),
      label: "ED vital signs",
      valueText: row.text("rhythm") ?? null,
    }),
  }),
  edMedicationTable("medrecon", ["etc_rn"]),
  edMedicationTable("pyxis", ["med_rn", "gsn_rn"]),
  eventTable({
    name: "diagnosis",
    module: "ed",
    category: "diagnosis",
    key: ["stay_id", "seq_num", "icd_code"],
    encounter: "stay_id",
    required: ["subject_id", "stay_id", "seq_num", "icd_code", "icd_version", "icd_title"],
    types: { ids: ["subject_id", "stay_id", "seq_num"] },
    needs: ["edstays"],
    // Like diagnoses_icd: coded at the end of the stay, so dated at its outtime.
    map: (row, state) => {
      const stay = edStay(row, state);
      const version = icdVersion(row);
      return {
        time: stay.outtime ?? stay.intime,
        codeSystem: `icd${version}-dx`,
        code: row.required("icd_code"),
        label: row.required("icd_title"),
      };
    },
  }),

  ...NOT_IMPORTED.map(({ name, module }) => ({ name, module, required: [], types: {} })),
];

export const TABLES_BY_NAME: ReadonlyMap<string, TableSpec> = new Map(TABLES.map((spec) => [spec.name, spec]));
