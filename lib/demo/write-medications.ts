// The scenario's drugs: an order (poe), a prescription, and each scheduled administration (emar).
import { type Drug, DRUGS } from "./catalog";
import { type Admission, order, type PatientContext, provider, put } from "./cohort-context";
import { DAY, HOUR, MINUTE, mimicTime } from "./mimic-time";

export async function writeMedications(ctx: PatientContext, admission: Admission): Promise<Drug[]> {
  const given: Drug[] = [];
  for (const key of admission.scenario.drugs) {
    const drug = DRUGS[key];
    const start = admission.admit + ctx.prng.int(60, 240) * MINUTE;
    // Fluids and pressors run on the first day; everything else until discharge.
    const short = key === "saline" || key === "norepinephrine" || key === "potassium";
    const stop = short ? Math.min(start + DAY, admission.discharge) : admission.discharge;
    const poeId = await order(ctx, admission, start - 30 * MINUTE, "Medications", null);
    const pharmacyId = ctx.ids.pharmacy++;
    await put(ctx.out["hosp/prescriptions"], [
      ctx.subjectId,
      admission.hadmId,
      pharmacyId,
      poeId,
      ctx.poeSeq,
      provider(ctx.prng),
      mimicTime(start),
      mimicTime(stop),
      "MAIN",
      drug.drug,
      drug.formularyCode,
      null,
      "0",
      drug.strength,
      null,
      drug.dose,
      drug.unit,
      drug.dose,
      drug.form,
      drug.perDay,
      drug.route,
    ]);
    if (!short) given.push(drug);
    const every = (24 / drug.perDay) * HOUR;
    for (let t = start; t < stop; t += every) {
      const seq = ++ctx.emarSeq;
      const event = ctx.prng.chance(0.04) ? "Not Given" : "Administered";
      await put(ctx.out["hosp/emar"], [
        ctx.subjectId,
        admission.hadmId,
        `${ctx.subjectId}-${seq}`,
        seq,
        poeId,
        pharmacyId,
        null,
        mimicTime(t + ctx.prng.int(0, 40) * MINUTE),
        drug.drug,
        event,
        mimicTime(t),
        mimicTime(t + ctx.prng.int(41, 90) * MINUTE),
      ]);
    }
  }
  return given;
}
