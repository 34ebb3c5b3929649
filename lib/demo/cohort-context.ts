// What the parts of the cohort generator share: id counters, the patient being written, the
// plan of an admission, and small helpers.
import type { Scenario } from "./catalog";
import type { CsvGzWriter, CsvValue } from "./csv-gz-writer";
import type { Writers } from "./layouts";
import { mimicTime } from "./mimic-time";
import type { Prng } from "./prng";

export type Counters = {
  hadm: number;
  stay: number;
  edStay: number;
  transfer: number;
  labevent: number;
  specimen: number;
  micro: number;
  pharmacy: number;
  order: number;
};

export type PatientContext = {
  prng: Prng;
  out: Writers;
  ids: Counters;
  subjectId: number;
  gender: "F" | "M";
  age: number;
  race: string;
  /** Per-patient offsets of each lab's typical value (a patient's own baseline). */
  baseline: Map<number, number>;
  poeSeq: number;
  emarSeq: number;
  noteSeq: { discharge: number; radiology: number };
};

export type Admission = {
  hadmId: number;
  scenario: Scenario;
  admit: number;
  discharge: number;
  dies: boolean;
  emergency: boolean;
  icu?: { stayId: number; start: number; end: number; careunit: string };
  /** Severity at time t: 1 on arrival, fading (or rising for a patient who dies). */
  severity: (t: number) => number;
  labsOnAdmission: Map<number, number>;
};

export async function put(writer: CsvGzWriter, values: CsvValue[]): Promise<void> {
  await writer.write(values);
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function formatNumber(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

export function provider(prng: Prng): string {
  return `P${prng
    .int(0, 36 ** 5 - 1)
    .toString(36)
    .toUpperCase()
    .padStart(5, "0")}`;
}

export async function order(
  ctx: PatientContext,
  admission: Admission,
  t: number,
  type: string,
  subtype: string | null,
): Promise<string> {
  const seq = ++ctx.poeSeq;
  const poeId = `${ctx.subjectId}-${seq}`;
  await put(ctx.out["hosp/poe"], [
    poeId,
    seq,
    ctx.subjectId,
    admission.hadmId,
    mimicTime(t),
    type,
    subtype,
    "New",
    null,
    null,
    provider(ctx.prng),
    "Inactive",
  ]);
  return poeId;
}
