// A large, loadable MIMIC-IV chart file beside generate-lab-events.ts's labs (the scale bench,
// issue 17): icu/chartevents.csv.gz with `rows` rows over patients the lab file already holds
// (its subject and hadm ids), plus the icu/d_items and icu/icustays the rows refer to, in
// mimic-code's column order. Streams with backpressure; deterministic for a seed.
import { statSync } from "node:fs";
import path from "node:path";
import { ICU_ITEMS } from "./catalog";
import { FIRST_HADM, FIRST_SUBJECT } from "./generate-lab-events";
import { closeWriters, openWriters } from "./layouts";
import { DAY, HOUR, MINUTE, mimicTime } from "./mimic-time";
import { Prng } from "./prng";

export type ChartEventsOptions = {
  rows: number;
  /** The lab file's patients, by index (0 = its first subject), that get an ICU stay. */
  firstPatient: number;
  patients: number;
  seed?: number;
};

export type ChartEventsSummary = { rows: number; patients: number; bytes: number; file: string };

const FIRST_STAY = 31_000_001;

/** The charted vital signs, with a plausible mean and spread each. */
const VITALS = [
  { item: ICU_ITEMS.heartRate, mean: 85, sd: 12, decimals: 0 },
  { item: ICU_ITEMS.systolic, mean: 120, sd: 15, decimals: 0 },
  { item: ICU_ITEMS.diastolic, mean: 65, sd: 10, decimals: 0 },
  { item: ICU_ITEMS.meanPressure, mean: 80, sd: 10, decimals: 0 },
  { item: ICU_ITEMS.respiratoryRate, mean: 18, sd: 4, decimals: 0 },
  { item: ICU_ITEMS.spo2, mean: 96, sd: 2, decimals: 0 },
  { item: ICU_ITEMS.temperature, mean: 98.6, sd: 1, decimals: 1 },
];

export async function generateChartEvents(dir: string, options: ChartEventsOptions): Promise<ChartEventsSummary> {
  const prng = new Prng(options.seed ?? 11);
  const patients = Math.max(1, options.patients);
  const perPatient = Math.ceil(options.rows / patients);
  const out = openWriters(dir, ["icu/d_items", "icu/icustays", "icu/chartevents"], 1);
  let written = 0;
  try {
    for (const item of Object.values(ICU_ITEMS)) out["icu/d_items"].write([...item]);
    for (let p = 0; p < patients && written < options.rows; p++) {
      const index = options.firstPatient + p;
      const subjectId = FIRST_SUBJECT + index;
      const hadmId = FIRST_HADM + index;
      const stayId = FIRST_STAY + index;
      const rows = Math.min(perPatient, options.rows - written);
      const intime = Date.UTC(prng.int(2110, 2180), 0, 1) + prng.int(0, 300) * DAY;
      // One set of vitals an hour.
      const outtime = intime + Math.ceil(rows / VITALS.length) * HOUR + HOUR;
      out["icu/icustays"].write([
        subjectId,
        hadmId,
        stayId,
        "Medical Intensive Care Unit (MICU)",
        "Medical Intensive Care Unit (MICU)",
        mimicTime(intime),
        mimicTime(outtime),
        ((outtime - intime) / DAY).toFixed(4),
      ]);
      for (let i = 0; i < rows; i++) {
        const vital = VITALS[i % VITALS.length];
        const [itemid, , , , , unit] = vital.item;
        const t = intime + Math.floor(i / VITALS.length) * HOUR + 5 * MINUTE;
        const text = Math.max(0, vital.mean + prng.normal(0, vital.sd)).toFixed(vital.decimals);
        const wait = out["icu/chartevents"].write([
          subjectId,
          hadmId,
          stayId,
          prng.int(1000, 99_999),
          mimicTime(t),
          mimicTime(t + 10 * MINUTE),
          itemid,
          text,
          text,
          unit,
          0,
        ]);
        if (wait) await wait;
      }
      written += rows;
    }
  } finally {
    await closeWriters(out);
  }
  const file = path.join(dir, "icu/chartevents.csv.gz");
  return { rows: written, patients, bytes: statSync(file).size, file };
}
