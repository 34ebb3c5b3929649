// A small synthetic cohort in MIMIC-IV's own file layout, for the demo and for tests: no real
// patient, every value drawn from a seeded generator, yet clinically coherent. Each patient
// follows one scenario (sepsis, pneumonia, heart failure, NSTEMI, GI bleed, COPD, AKI) whose
// labs and vitals start deranged and recover — or worsen for the patients who die — with
// reference ranges and abnormal flags consistent with the values, diagnoses coded in real
// ICD-10, and a discharge summary per admission. Some patients die in hospital and some are
// readmitted within 30 days, so the risk tasks have positives; emergency admissions come
// through an ED stay (MIMIC-IV-ED), and some ED visits end at home.
import {
  DRUGS,
  ED_VISITS_HOME,
  ICD10_DIAGNOSES,
  ICD10_PROCEDURES,
  ICU_ITEMS,
  LAB_ITEMS,
  type Scenario,
  SCENARIOS,
} from "./catalog";
import { type Admission, type Counters, type PatientContext, put, round } from "./cohort-context";
import { closeWriters, LAYOUTS, openWriters, type TableName, type Writers } from "./layouts";
import { DAY, HOUR, MINUTE, mimicDate } from "./mimic-time";
import { Prng } from "./prng";
import { planAdmission, writeAdmission } from "./write-admission";
import { writeEdStay } from "./write-ed-stay";

export type DemoCohortOptions = { patients?: number; seed?: number };

export type DemoCohortSummary = {
  patients: number;
  admissions: number;
  /** Patients who died in hospital. */
  deaths: number;
  /** Admissions that began within 30 days of the patient's previous discharge. */
  readmissions: number;
  /** Rows written per file ("hosp/labevents": 1234, ...). */
  rows: Record<string, number>;
};

// Identifiers start far above MIMIC-IV's own ranges (subject_id 1xxxxxxx, hadm_id 2xxxxxxx,
// stay_id 3xxxxxxx), so the demo never collides with a real MIMIC import in the same database.
const FIRST_SUBJECT = 90_000_001;

/** Height, weight, BMI and blood pressure from a clinic visit before the first admission (omr). */
async function writeOutpatientVisit(ctx: PatientContext, at: number) {
  const height = ctx.gender === "M" ? ctx.prng.int(66, 74) : ctx.prng.int(60, 68);
  const weight = ctx.prng.int(120, 240);
  const bmi = round((703 * weight) / (height * height), 1);
  const systolic = ctx.prng.int(112, 158);
  const rows: [string, string][] = [
    ["Blood Pressure", `${systolic}/${ctx.prng.int(64, 92)}`],
    ["Weight (Lbs)", String(weight)],
    ["Height (Inches)", String(height)],
    ["BMI (kg/m2)", String(bmi)],
  ];
  for (const [name, value] of rows) await put(ctx.out["hosp/omr"], [ctx.subjectId, mimicDate(at), 1, name, value]);
}

async function writePatient(out: Writers, ids: Counters, prng: Prng, index: number, scenario: Scenario) {
  const subjectId = FIRST_SUBJECT + index;
  const gender = prng.chance(0.5) ? "F" : "M";
  const age = prng.int(48, 89);
  const anchorYear = prng.int(2110, 2180);
  const ctx: PatientContext = {
    prng,
    out,
    ids,
    subjectId,
    gender,
    age,
    race: prng.pick(["WHITE", "BLACK/AFRICAN AMERICAN", "HISPANIC/LATINO - PUERTO RICAN", "ASIAN", "OTHER"]),
    baseline: new Map(LAB_ITEMS.map((item) => [item.itemid, prng.normal(0, item.sd * 0.5)])),
    poeSeq: 0,
    emarSeq: 0,
    noteSeq: { discharge: 0, radiology: 0 },
  };
  // Fixed positions make the outcomes certain for any cohort size: deaths and readmissions.
  const dies = index % 6 === 2;
  const readmittedWithin30 = index % 4 === 1;
  const readmittedLater = index % 12 === 7;
  const firstAdmit =
    Date.UTC(anchorYear, 0, 1) + prng.int(30, 300) * DAY + prng.int(0, 23) * HOUR + prng.int(0, 59) * MINUTE;
  await writeOutpatientVisit(ctx, firstAdmit - prng.int(40, 200) * DAY);
  // A third of the patients were seen in the ED and sent home some weeks earlier: the
  // negatives of the ED tasks (did the visit lead to an admission?).
  if (index % 3 === 0) {
    const visit = ED_VISITS_HOME[index % ED_VISITS_HOME.length];
    const intime = firstAdmit - prng.int(20, 35) * DAY;
    await writeEdStay(ctx, {
      hadmId: null,
      intime,
      outtime: intime + prng.int(3, 6) * HOUR,
      complaint: visit.complaint,
      diagnosis: visit.code,
      severity: 0.1,
      shift: scenario.vitalShift,
      given: DRUGS.acetaminophen.drug,
    });
  }

  const admissions: Admission[] = [];
  const second = readmittedWithin30 || readmittedLater;
  const first = planAdmission(ctx, scenario, firstAdmit, dies && !second);
  admissions.push(first);
  if (second) {
    const gapDays = readmittedWithin30 ? prng.int(6, 24) : prng.int(40, 55);
    const again = first.discharge + gapDays * DAY + prng.int(0, 12) * HOUR;
    admissions.push(planAdmission(ctx, scenario, again, dies));
  }
  for (const admission of admissions) await writeAdmission(ctx, admission);

  const last = admissions[admissions.length - 1];
  const dod = dies ? mimicDate(last.discharge) : null;
  await put(out["hosp/patients"], [
    subjectId,
    gender,
    age,
    anchorYear,
    prng.pick(["2011 - 2013", "2014 - 2016", "2017 - 2019"]),
    dod,
  ]);
  const readmissions = admissions.filter((a, i) => i > 0 && a.admit - admissions[i - 1].discharge <= 30 * DAY).length;
  return { admissions: admissions.length, died: dies, readmissions };
}

async function writeDictionaries(out: Writers) {
  for (const item of LAB_ITEMS) await put(out["hosp/d_labitems"], [item.itemid, item.label, item.fluid, item.category]);
  for (const item of Object.values(ICU_ITEMS)) await put(out["icu/d_items"], [...item]);
  for (const [code, title] of Object.entries(ICD10_DIAGNOSES))
    await put(out["hosp/d_icd_diagnoses"], [code, 10, title]);
  for (const [code, title] of Object.entries(ICD10_PROCEDURES))
    await put(out["hosp/d_icd_procedures"], [code, 10, title]);
}

/** Writes the cohort under `dir` as hosp/, icu/, ed/ and note/ CSV.GZ files in MIMIC-IV's layouts. */
export async function generateDemoCohort(dir: string, options: DemoCohortOptions = {}): Promise<DemoCohortSummary> {
  const patients = options.patients ?? 12;
  const prng = new Prng(options.seed ?? 20_261_125);
  const out = openWriters(dir, Object.keys(LAYOUTS) as TableName[]);
  const ids: Counters = {
    hadm: 80_000_001,
    stay: 70_000_001,
    edStay: 76_000_001,
    transfer: 60_000_001,
    labevent: 900_000_001,
    specimen: 50_000_001,
    micro: 1,
    pharmacy: 40_000_001,
    order: 30_000_001,
  };
  const summary: DemoCohortSummary = { patients, admissions: 0, deaths: 0, readmissions: 0, rows: {} };
  try {
    await writeDictionaries(out);
    // Every scenario appears before any repeats; the starting one depends on the seed.
    const offset = prng.int(0, SCENARIOS.length - 1);
    for (let i = 0; i < patients; i++) {
      const result = await writePatient(out, ids, prng, i, SCENARIOS[(i + offset) % SCENARIOS.length]);
      summary.admissions += result.admissions;
      summary.deaths += result.died ? 1 : 0;
      summary.readmissions += result.readmissions;
    }
  } finally {
    summary.rows = await closeWriters(out);
  }
  return summary;
}
