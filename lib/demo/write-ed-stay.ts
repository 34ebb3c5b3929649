// An ED stay in MIMIC-IV-ED's tables: edstays, triage, vital signs, medication reconciliation,
// a dispensed dose (pyxis) and the ED diagnosis.
import { HOME_MEDICATIONS, ICD10_DIAGNOSES, type Scenario } from "./catalog";
import { type PatientContext, put } from "./cohort-context";
import { HOUR, MINUTE, mimicTime } from "./mimic-time";

export type EdStay = {
  hadmId: number | null;
  intime: number;
  outtime: number;
  complaint: string;
  diagnosis: string;
  /** How deranged the vitals are: 1 for a patient about to be admitted. */
  severity: number;
  shift: Scenario["vitalShift"];
  given: string;
};

/** An ED stay (MIMIC-IV-ED): triage on arrival, vitals, home medications, a dose, a diagnosis. */
export async function writeEdStay(ctx: PatientContext, stay: EdStay) {
  const { out, prng, subjectId } = ctx;
  const stayId = ctx.ids.edStay++;
  const admitted = stay.hadmId !== null;
  await put(out["ed/edstays"], [
    subjectId,
    stay.hadmId,
    stayId,
    mimicTime(stay.intime),
    mimicTime(stay.outtime),
    ctx.gender,
    ctx.race,
    admitted ? "AMBULANCE" : "WALK IN",
    admitted ? "ADMITTED" : "HOME",
  ]);
  const vitals = () => {
    const meanPressure = 85 + stay.shift.meanPressure * stay.severity + prng.normal(0, 4);
    const pulsePressure = prng.int(38, 55);
    return [
      (98.4 + stay.shift.temperature * stay.severity + prng.normal(0, 0.3)).toFixed(1),
      Math.round(80 + stay.shift.heartRate * stay.severity + prng.normal(0, 5)),
      Math.round(16 + stay.shift.respiratoryRate * stay.severity + prng.normal(0, 2)),
      Math.min(100, Math.round(97 + stay.shift.spo2 * stay.severity + prng.normal(0, 1))),
      Math.round(meanPressure + (2 * pulsePressure) / 3),
      Math.round(meanPressure - pulsePressure / 3),
    ];
  };
  const pain = prng.int(0, 8);
  await put(out["ed/triage"], [subjectId, stayId, ...vitals(), pain, admitted ? 2 : prng.int(3, 4), stay.complaint]);
  for (let t = stay.intime + 45 * MINUTE; t < stay.outtime; t += 2 * HOUR) {
    const rhythm = stay.severity > 0.5 && stay.shift.heartRate > 15 ? "Sinus Tachycardia" : "Sinus Rhythm";
    await put(out["ed/vitalsign"], [subjectId, stayId, mimicTime(t), ...vitals(), rhythm, pain]);
  }
  for (const [i, medication] of [prng.pick(HOME_MEDICATIONS), prng.pick(HOME_MEDICATIONS)].entries()) {
    await put(out["ed/medrecon"], [
      subjectId,
      stayId,
      mimicTime(stay.intime + (30 + i) * MINUTE),
      medication.name,
      null,
      "0",
      i + 1,
      null,
      medication.etc,
    ]);
  }
  await put(out["ed/pyxis"], [subjectId, stayId, mimicTime(stay.intime + 70 * MINUTE), 1, stay.given, 1, null]);
  // ED diagnoses carry their own title, upper-cased as MIMIC-IV-ED writes them.
  await put(out["ed/diagnosis"], [
    subjectId,
    stayId,
    1,
    stay.diagnosis,
    10,
    ICD10_DIAGNOSES[stay.diagnosis].toUpperCase(),
  ]);
}
