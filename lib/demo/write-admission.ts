// One admission: its plan (length of stay, ICU, outcome) and every file it touches.
import { DRUGS, ICD10_DIAGNOSES, type Scenario } from "./catalog";
import { type Admission, order, type PatientContext, provider, put, round } from "./cohort-context";
import { DAY, HOUR, MINUTE, mimicDate, mimicTime } from "./mimic-time";
import { dischargeSummary, radiologyReport } from "./notes";
import { writeEdStay } from "./write-ed-stay";
import { writeIcuCharting } from "./write-icu";
import { writeLabs } from "./write-labs";
import { writeMedications } from "./write-medications";
import { writeMicrobiology } from "./write-microbiology";

export async function writeAdmission(ctx: PatientContext, admission: Admission) {
  const { out, prng, subjectId } = ctx;
  const { hadmId, scenario, admit, discharge, dies, emergency, icu } = admission;
  const edIn = emergency ? admit - prng.int(3, 9) * HOUR : null;
  const dischargeLocation = dies ? "DIED" : prng.pick(["HOME", "HOME HEALTH CARE", "SKILLED NURSING FACILITY"]);
  await put(out["hosp/admissions"], [
    subjectId,
    hadmId,
    mimicTime(admit),
    mimicTime(discharge),
    dies ? mimicTime(discharge) : null,
    emergency ? prng.pick(["EW EMER.", "URGENT"]) : "OBSERVATION ADMIT",
    provider(prng),
    emergency ? "EMERGENCY ROOM" : "PHYSICIAN REFERRAL",
    dischargeLocation,
    prng.pick(["Medicare", "Medicaid", "Other"]),
    "ENGLISH",
    prng.pick(["MARRIED", "SINGLE", "WIDOWED", "DIVORCED"]),
    prng.pick(["WHITE", "BLACK/AFRICAN AMERICAN", "HISPANIC/LATINO - PUERTO RICAN", "ASIAN", "OTHER"]),
    edIn === null ? null : mimicTime(edIn),
    edIn === null ? null : mimicTime(admit),
    dies ? 1 : 0,
  ]);

  const transfer = (eventtype: string, careunit: string | null, from: number, to: number | null) =>
    put(out["hosp/transfers"], [
      subjectId,
      hadmId,
      ctx.ids.transfer++,
      eventtype,
      careunit,
      mimicTime(from),
      to === null ? null : mimicTime(to),
    ]);
  if (edIn !== null) {
    await transfer("ED", "Emergency Department", edIn, admit);
    await writeEdStay(ctx, {
      hadmId,
      intime: edIn,
      outtime: admit,
      complaint: scenario.chiefComplaint,
      diagnosis: scenario.diagnoses[0],
      severity: 1,
      shift: scenario.vitalShift,
      given: DRUGS[scenario.drugs[0]].drug,
    });
  }
  if (icu) {
    await transfer("admit", icu.careunit, icu.start, icu.end);
    if (icu.end < discharge) await transfer("transfer", scenario.ward, icu.end, discharge);
  } else {
    await transfer("admit", scenario.ward, admit, discharge);
  }
  await transfer("discharge", null, discharge, null);
  await put(out["hosp/services"], [subjectId, hadmId, mimicTime(admit), null, scenario.service]);
  if (icu) {
    await put(out["icu/icustays"], [
      subjectId,
      hadmId,
      icu.stayId,
      icu.careunit,
      icu.careunit,
      mimicTime(icu.start),
      mimicTime(icu.end),
      round((icu.end - icu.start) / DAY, 4),
    ]);
  }

  await order(ctx, admission, admit - 15 * MINUTE, "ADT orders", "Admit");
  await order(ctx, admission, admit + 20 * MINUTE, "General Care", "Vitals/Monitoring");
  await writeLabs(ctx, admission);
  await writeIcuCharting(ctx, admission);
  const medications = await writeMedications(ctx, admission);
  await writeMicrobiology(ctx, admission);

  const diagnoses = [...scenario.diagnoses];
  if (dies && !diagnoses.includes("J9601")) diagnoses.push("J9601");
  for (const [i, code] of diagnoses.entries()) {
    await put(out["hosp/diagnoses_icd"], [subjectId, hadmId, i + 1, code, 10]);
  }
  const procedures = [...scenario.procedures, ...(dies ? ["0BH17EZ", "5A1935Z"] : [])];
  for (const [i, code] of procedures.entries()) {
    await put(out["hosp/procedures_icd"], [subjectId, hadmId, i + 1, mimicDate(admit + DAY), code, 10]);
  }

  if (scenario.imaging) {
    const t = admit + 2 * HOUR;
    await order(ctx, admission, t - 30 * MINUTE, "Radiology", "General Xray");
    const seq = ++ctx.noteSeq.radiology;
    await put(out["note/radiology"], [
      `${subjectId}-RR-${seq}`,
      subjectId,
      hadmId,
      "RR",
      seq,
      mimicTime(t),
      mimicTime(t + 3 * HOUR),
      radiologyReport(scenario, ctx.age, ctx.gender),
    ]);
  }
  if (!dies) await order(ctx, admission, discharge - 3 * HOUR, "ADT orders", "Discharge");
  const seq = ++ctx.noteSeq.discharge;
  await put(out["note/discharge"], [
    `${subjectId}-DS-${seq}`,
    subjectId,
    hadmId,
    "DS",
    seq,
    `${mimicDate(discharge)} 00:00:00`,
    mimicTime(discharge + prng.int(4, 30) * HOUR),
    dischargeSummary({
      scenario,
      age: ctx.age,
      gender: ctx.gender,
      dies,
      days: Math.max(1, Math.round((discharge - admit) / DAY)),
      labs: admission.labsOnAdmission,
      medications,
      diagnosisTitles: diagnoses.map((code) => ICD10_DIAGNOSES[code]),
      disposition: dischargeLocation,
    }),
  ]);
}

export function planAdmission(ctx: PatientContext, scenario: Scenario, admit: number, dies: boolean): Admission {
  const { prng } = ctx;
  const stayDays = dies ? prng.int(2, 5) : prng.int(3, 8);
  const discharge = admit + stayDays * DAY + prng.int(-5, 5) * HOUR;
  const needsIcu = scenario.icu || dies;
  const icuEnd = dies ? discharge : Math.min(discharge - DAY, admit + prng.int(2, 3) * DAY + prng.int(0, 12) * HOUR);
  return {
    hadmId: ctx.ids.hadm++,
    scenario,
    admit,
    discharge,
    dies,
    emergency: true,
    icu: needsIcu
      ? {
          stayId: ctx.ids.stay++,
          start: admit,
          end: icuEnd,
          careunit:
            scenario.service === "CMED"
              ? "Cardiac Vascular Intensive Care Unit (CVICU)"
              : "Medical Intensive Care Unit (MICU)",
        }
      : undefined,
    // Recovery halves the derangement about every 1.2 days; a dying patient's worsens.
    severity: dies ? (t) => Math.min(2, 1 + t / (2.5 * DAY)) : (t) => Math.exp(-Math.max(0, t) / (1.8 * DAY)),
    labsOnAdmission: new Map(),
  };
}
