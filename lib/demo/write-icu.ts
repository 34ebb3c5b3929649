// An ICU stay's charting: hourly vital signs (chartevents), urine output (outputevents) and
// fluids and drips (inputevents), following the patient's course.
import { ICU_ITEMS } from "./catalog";
import { type Admission, formatNumber, type PatientContext, put, round } from "./cohort-context";
import { HOUR, MINUTE, mimicTime } from "./mimic-time";

export async function writeIcuCharting(ctx: PatientContext, admission: Admission) {
  const icu = admission.icu;
  if (!icu) return;
  const shift = admission.scenario.vitalShift;
  const caregiver = ctx.prng.int(10_000, 99_999);
  const chart = async (item: (typeof ICU_ITEMS)[keyof typeof ICU_ITEMS], t: number, value: number, decimals = 0) => {
    await put(ctx.out["icu/chartevents"], [
      ctx.subjectId,
      admission.hadmId,
      icu.stayId,
      caregiver,
      mimicTime(t),
      mimicTime(t + ctx.prng.int(2, 25) * MINUTE),
      item[0],
      formatNumber(value, decimals),
      round(value, decimals),
      item[5],
      0,
    ]);
  };
  for (let t = icu.start + 15 * MINUTE, hour = 0; t < icu.end; t += HOUR, hour++) {
    const s = admission.severity(t - admission.admit);
    const noise = (sd: number) => ctx.prng.normal(0, sd);
    const meanPressure = Math.round(82 + shift.meanPressure * s + noise(4));
    const pulsePressure = ctx.prng.int(38, 55);
    await chart(ICU_ITEMS.heartRate, t, Math.round(80 + shift.heartRate * s + noise(5)));
    await chart(ICU_ITEMS.systolic, t, Math.round(meanPressure + (2 * pulsePressure) / 3));
    await chart(ICU_ITEMS.diastolic, t, Math.round(meanPressure - pulsePressure / 3));
    await chart(ICU_ITEMS.meanPressure, t, meanPressure);
    await chart(ICU_ITEMS.respiratoryRate, t, Math.round(16 + shift.respiratoryRate * s + noise(2)));
    await chart(ICU_ITEMS.spo2, t, Math.min(100, Math.round(97 + shift.spo2 * s + noise(1))));
    if (hour % 4 === 0) await chart(ICU_ITEMS.temperature, t, 98.4 + shift.temperature * s + noise(0.3), 1);
    if (hour % 2 === 1) {
      const urine = Math.max(5, Math.round(70 - 45 * s + noise(15)));
      await put(ctx.out["icu/outputevents"], [
        ctx.subjectId,
        admission.hadmId,
        icu.stayId,
        caregiver,
        mimicTime(t),
        mimicTime(t + 5 * MINUTE),
        ICU_ITEMS.foley[0],
        urine,
        "ml",
      ]);
    }
  }
  const weight = ctx.prng.int(55, 110);
  const input = async (
    item: (typeof ICU_ITEMS)[keyof typeof ICU_ITEMS],
    start: number,
    hours: number,
    amount: number,
    unit: string,
    rate: number | null,
    rateUnit: string | null,
    category: string,
  ) => {
    const orderId = ctx.ids.order++;
    await put(ctx.out["icu/inputevents"], [
      ctx.subjectId,
      admission.hadmId,
      icu.stayId,
      caregiver,
      mimicTime(start),
      mimicTime(start + hours * HOUR),
      mimicTime(start + hours * HOUR + 3 * MINUTE),
      item[0],
      amount,
      unit,
      rate,
      rateUnit,
      orderId,
      orderId,
      category,
      null,
      "Main order parameter",
      rate === null ? "Bolus" : "Continuous IV",
      weight,
      amount,
      unit,
      0,
      0,
      "FinishedRunning",
      amount,
      rate ?? amount,
    ]);
  };
  await input(ICU_ITEMS.saline, icu.start + 30 * MINUTE, 1, 1000, "ml", null, null, "02-Fluids (Crystalloids)");
  if (admission.scenario.drugs.includes("norepinephrine")) {
    for (let h = 1; h <= Math.min(18, (icu.end - icu.start) / HOUR - 1); h += 3) {
      const rate = round(0.12 * admission.severity(h * HOUR), 3);
      await input(
        ICU_ITEMS.norepinephrine,
        icu.start + h * HOUR,
        3,
        round((rate * weight * 180) / 1000, 3),
        "mg",
        rate,
        "mcg/kg/min",
        "01-Drips",
      );
    }
  }
  await input(ICU_ITEMS.dextrose, icu.start + 6 * HOUR, 8, 400, "ml", 50, "mL/hour", "02-Fluids (Crystalloids)");
}
