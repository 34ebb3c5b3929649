// Lab panels as a hospital draws them: chemistry and blood count on arrival and every morning,
// serial markers where the scenario calls for them. Values follow the patient's course; the
// reference range and the abnormal flag always agree with the value.
import { LAB_ITEMS, type LabItem, PANELS, type Scenario } from "./catalog";
import { type Admission, formatNumber, order, type PatientContext, provider, put, round } from "./cohort-context";
import { DAY, HOUR, MINUTE, mimicTime, startOfDay } from "./mimic-time";

const LAB_BY_ID = new Map(LAB_ITEMS.map((item) => [item.itemid, item]));

function range(item: LabItem, gender: "F" | "M"): [number, number] {
  const pick = (bound: number | [number, number]) => (Array.isArray(bound) ? bound[gender === "F" ? 0 : 1] : bound);
  return [pick(item.low), pick(item.high)];
}

/** A lab value for this patient at time t of the admission. */
function labValue(ctx: PatientContext, admission: Admission, item: LabItem, t: number): number {
  const shift = admission.scenario.labShift[item.itemid] ?? 0;
  const genderShift =
    item.itemid === 51222
      ? ctx.gender === "M"
        ? 1.5
        : -0.5
      : item.itemid === 51221
        ? ctx.gender === "M"
          ? 4
          : -1.5
        : 0;
  const value =
    item.mean +
    genderShift +
    ctx.baseline.get(item.itemid)! +
    shift * admission.severity(t - admission.admit) +
    ctx.prng.normal(0, item.sd * 0.35);
  return Math.max(round(value, item.decimals), item.decimals === 0 ? 1 : 10 ** -item.decimals);
}

async function writeLabPanel(
  ctx: PatientContext,
  admission: Admission,
  itemids: readonly number[],
  t: number,
  priority: string,
) {
  const specimenId = ctx.ids.specimen++;
  const orderProvider = ctx.prng.chance(0.3) ? provider(ctx.prng) : null;
  const values = new Map<number, number>();
  for (const itemid of itemids) {
    const item = LAB_BY_ID.get(itemid)!;
    values.set(itemid, labValue(ctx, admission, item, t));
  }
  // The anion gap is arithmetic on the same specimen, as the lab reports it.
  if (values.has(50868) && values.has(50983) && values.has(50902) && values.has(50882)) {
    values.set(50868, Math.max(3, values.get(50983)! - values.get(50902)! - values.get(50882)!));
  }
  const stored = t + ctx.prng.int(35, 110) * MINUTE;
  for (const [itemid, value] of values) {
    const item = LAB_BY_ID.get(itemid)!;
    const [low, high] = range(item, ctx.gender);
    const flag = value < low || value > high ? "abnormal" : null;
    await put(ctx.out["hosp/labevents"], [
      ctx.ids.labevent++,
      ctx.subjectId,
      admission.hadmId,
      specimenId,
      itemid,
      orderProvider,
      mimicTime(t),
      mimicTime(stored),
      formatNumber(value, item.decimals),
      value,
      item.unit,
      low,
      high,
      flag,
      priority,
      null,
    ]);
    if (!admission.labsOnAdmission.has(itemid)) admission.labsOnAdmission.set(itemid, value);
  }
  await order(ctx, admission, t - 20 * MINUTE, "Lab", null);
}

export async function writeLabs(ctx: PatientContext, admission: Admission) {
  const { scenario, admit, discharge } = admission;
  const first = admit + 40 * MINUTE;
  const extra = (name: Scenario["extraPanels"][number]) => scenario.extraPanels.includes(name);
  const admissionPanel = [
    ...PANELS.chemistry,
    ...PANELS.bloodCount,
    ...(extra("coagulation") ? PANELS.coagulation : []),
    ...(extra("liver") ? PANELS.liver : []),
    ...(extra("ntprobnp") ? [50963] : []),
  ];
  await writeLabPanel(ctx, admission, admissionPanel, first, "STAT");
  // Serial markers on the first day: lactate for sepsis, troponin for chest pain.
  for (const hours of [6, 12]) {
    if (extra("lactate")) await writeLabPanel(ctx, admission, [50813], first + hours * HOUR, "STAT");
  }
  if (extra("lactate")) await writeLabPanel(ctx, admission, [50813], first - 10 * MINUTE, "STAT");
  for (const hours of [0, 6, 12]) {
    if (extra("troponin")) await writeLabPanel(ctx, admission, [51003], first + hours * HOUR, "STAT");
  }
  // Morning labs every day until discharge.
  for (let day = startOfDay(admit) + DAY + 5 * HOUR; day < discharge - HOUR; day += DAY) {
    const t = day + ctx.prng.int(0, 50) * MINUTE;
    await writeLabPanel(
      ctx,
      admission,
      [...PANELS.chemistry, ...PANELS.bloodCount, ...(extra("coagulation") ? PANELS.coagulation : [])],
      t,
      "ROUTINE",
    );
  }
}
