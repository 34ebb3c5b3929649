// Risk tasks: a small additive score anyone can recompute by hand (age, abnormal labs, lactate,
// creatinine, ICU stay, earlier admissions, emergency admission), turned into a probability
// around the task's rough base rate. Not trained and not calibrated: a transparent floor that
// EHR-R1 should beat, and says so.
import { admissionsOf, attributeText, formatTimestamp, type RecordEvent } from "../record";
import { resolveTableKey } from "../mimic-tables";
import { contextWindow, inWindow } from "../tasks/context-window";
import { type BaselineInput, type BaselinePrediction } from "./baseline-input";

/**
 * Rough prevalences of each outcome in MIMIC-IV admissions / ICU stays / ED visits, used only
 * as the score's starting point (the "typical" patient scores 3 points).
 */
export const BASE_RATES: Record<string, number> = {
  Inpatient_Mortality: 0.03,
  LengthOfStay_3day: 0.5,
  LengthOfStay_7day: 0.2,
  Readmission_30day: 0.2,
  Readmission_60day: 0.27,
  ICU_Mortality_1day: 0.02,
  ICU_Mortality_2day: 0.03,
  ICU_Mortality_3day: 0.045,
  ICU_Mortality_7day: 0.08,
  ICU_Mortality_14day: 0.11,
  ICU_Stay_7day: 0.12,
  ICU_Stay_14day: 0.04,
  ICU_Readmission: 0.08,
  ED_Hospitalization: 0.4,
  ED_Inpatient_Mortality: 0.02,
  ED_ICU_Tranfer_12hour: 0.05,
  ED_Reattendance_3day: 0.05,
  ED_Critical_Outcomes: 0.07,
};

const TYPICAL_SCORE = 3;
const LOGIT_PER_POINT = 0.5;

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const percent = (p: number) => `${(p * 100).toFixed(p < 0.1 ? 1 : 0)} %`;

function isAbnormal(e: RecordEvent): boolean {
  const flag = (e.flag ?? attributeText(e, "flag") ?? "").trim().toLowerCase();
  if (flag && flag !== "normal" && flag !== "nan") return true;
  if (e.valueNum === null || e.valueNum === undefined) return false;
  return (
    (e.refLow !== null && e.refLow !== undefined && e.valueNum < e.refLow) ||
    (e.refHigh !== null && e.refHigh !== undefined && e.valueNum > e.refHigh)
  );
}

function maxOf(events: readonly RecordEvent[], label: RegExp): number | undefined {
  const values = events
    .filter((e) => label.test(e.label.trim()) && typeof e.valueNum === "number")
    .map((e) => e.valueNum as number);
  return values.length ? Math.max(...values) : undefined;
}

type Factor = { name: string; value: string; points: number; rule: string };

export function predictRisk(input: BaselineInput): BaselinePrediction {
  const { task, patient, encounters, cutoff } = input;
  const window = contextWindow(task, encounters, cutoff);
  const seen = input.events.filter((e) => e.time.getTime() <= cutoff.getTime() && inWindow(e, window, encounters));
  const labs = seen.filter((e) => resolveTableKey(e) === "labevents");

  const age =
    patient.anchorAge ??
    (patient.birthDate ? Math.floor((cutoff.getTime() - patient.birthDate.getTime()) / (365.25 * 864e5)) : undefined);
  const abnormal = labs.filter(isAbnormal).length;
  const lactate = maxOf(labs, /^lactate$/i);
  const creatinine = maxOf(labs, /^creatinine$/i);
  const admission = window.admission;
  const icuBefore = admission
    ? encounters.filter(
        (e) => e.kind === "icu_stay" && e.parentId === admission.id && e.start.getTime() <= cutoff.getTime(),
      )
    : [];
  const reference = window.admission ?? window.edStay;
  const prior = reference
    ? admissionsOf(encounters).filter((a) => a.start.getTime() < reference.start.getTime()).length
    : 0;
  const admissionType = admission ? attributeText(admission, "admission_type") : undefined;
  const isIcuTask = task.contextRule === "icu_first_24h";

  const factors: Factor[] = [
    {
      name: "Age",
      value: age === undefined ? "unknown" : `${age}`,
      points: age === undefined ? 0 : age >= 80 ? 2 : age >= 65 ? 1 : 0,
      rule: "≥ 80: 2, 65-79: 1",
    },
    {
      name: "Abnormal lab results in the window",
      value: `${abnormal} of ${labs.length}`,
      points: abnormal >= 10 ? 2 : abnormal >= 3 ? 1 : 0,
      rule: "≥ 10: 2, 3-9: 1",
    },
    {
      name: "Highest lactate",
      value: lactate === undefined ? "not measured" : `${lactate} mmol/L`,
      points: lactate === undefined ? 0 : lactate > 4 ? 2 : lactate > 2 ? 1 : 0,
      rule: "> 4: 2, > 2: 1",
    },
    {
      name: "Highest creatinine",
      value: creatinine === undefined ? "not measured" : `${creatinine} mg/dL`,
      points: creatinine === undefined ? 0 : creatinine > 2 ? 2 : creatinine > 1.3 ? 1 : 0,
      rule: "> 2.0: 2, > 1.3: 1",
    },
    {
      name: "ICU stay in this admission so far",
      value: isIcuTask ? "yes (ICU task)" : icuBefore.length ? "yes" : "no",
      points: !isIcuTask && icuBefore.length ? 1 : 0,
      rule: "1 if yes; not counted for ICU tasks, where every patient has one",
    },
    {
      name: "Earlier admissions",
      value: `${prior}`,
      points: prior >= 3 ? 2 : prior >= 1 ? 1 : 0,
      rule: "≥ 3: 2, 1-2: 1",
    },
    {
      name: "Admission type",
      value: admissionType ?? "unknown",
      points: admissionType && /EMER|URGENT/i.test(admissionType) ? 1 : 0,
      rule: "1 if emergency or urgent",
    },
  ];

  const score = factors.reduce((n, f) => n + f.points, 0);
  const base = BASE_RATES[task.key] ?? 0.1;
  const probability = sigmoid(logit(base) + LOGIT_PER_POINT * (score - TYPICAL_SCORE));
  const answer = probability >= 0.5 ? "yes" : "no";

  const extraction = [
    `- Task: ${task.title} (${task.key}); window: ${window.description}, ${formatTimestamp(window.start)} to ${formatTimestamp(window.end)}; only events up to the cut-off ${formatTimestamp(cutoff)} were read.`,
    ...factors.map((f) => `- ${f.name}: ${f.value} → ${f.points} point${f.points === 1 ? "" : "s"} (${f.rule})`),
  ];
  const reasoning = [
    `This predictor adds the points: score ${score}.`,
    `It starts from a rough base rate of ${percent(base)} for this outcome (taken to be the risk of a patient scoring ${TYPICAL_SCORE}) and moves ${LOGIT_PER_POINT} on the log-odds scale per point above or below ${TYPICAL_SCORE}:`,
    `P(yes) = 1 / (1 + exp(-(logit(${base}) + ${LOGIT_PER_POINT} × (${score} - ${TYPICAL_SCORE})))) = ${percent(probability)}.`,
    `The answer is "yes" when P(yes) ≥ 50 %. The weights are hand-set, not learned or calibrated.`,
  ];
  return {
    reasoning: `## Extraction\n${extraction.join("\n")}\n\n## Reasoning\n${reasoning.join(" ")}\n\n## Final Results\n${answer}`,
    answer,
    items: [answer],
    probability,
  };
}
