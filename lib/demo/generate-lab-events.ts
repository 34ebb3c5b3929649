// A large, importable MIMIC-IV lab file for benchmarks and load tests: hosp/labevents.csv.gz
// with `rows` rows, plus the patients, admissions and d_labitems it refers to. Streams with
// backpressure (memory stays flat at any size); deterministic for a seed.
import { statSync } from "node:fs";
import path from "node:path";
import { LAB_ITEMS } from "./catalog";
import { closeWriters, openWriters } from "./layouts";
import { DAY, HOUR, MINUTE, mimicTime } from "./mimic-time";
import { Prng } from "./prng";

export type LabEventsOptions = {
  rows: number;
  /** Patients the rows are spread over; default one per 2,000 rows. */
  patients?: number;
  /**
   * Rows of the first patients, one number each (the scale bench's 50,001-event patients); the
   * other patients share the rest, `patients` of them or one per 2,000 rows. Patient k's rows
   * depend only on the seed and the rows before it, so a small file with the same leading
   * sizes holds the same first patients, row for row.
   */
  leadingPatientRows?: readonly number[];
  seed?: number;
};

export type LabEventsSummary = { rows: number; patients: number; bytes: number; file: string };

export const FIRST_SUBJECT = 91_000_001;
export const FIRST_HADM = 81_000_001;

export async function generateLabEvents(dir: string, options: LabEventsOptions): Promise<LabEventsSummary> {
  const prng = new Prng(options.seed ?? 7);
  const leading = options.leadingPatientRows ?? [];
  const leadingRows = leading.reduce((sum, rows) => sum + rows, 0);
  const rest = Math.max(0, options.rows - leadingRows);
  const others = rest === 0 ? 0 : Math.max(1, options.patients ?? Math.ceil(rest / 2000));
  const patients = Math.max(1, leading.length + others);
  const perPatient = others ? Math.ceil(rest / others) : 0;
  const panelEvery = 6 * HOUR;
  // Fast compression: the benchmark measures the import, not gzip.
  const out = openWriters(dir, ["hosp/patients", "hosp/admissions", "hosp/d_labitems", "hosp/labevents"], 1);
  let labeventId = 1_000_000_001;
  let specimenId = 2_000_000_000;
  let written = 0;
  try {
    for (const item of LAB_ITEMS) out["hosp/d_labitems"].write([item.itemid, item.label, item.fluid, item.category]);
    for (let p = 0; p < patients && written < options.rows; p++) {
      const subjectId = FIRST_SUBJECT + p;
      const hadmId = FIRST_HADM + p;
      const rows = Math.min(leading[p] ?? perPatient, options.rows - written);
      const admit = Date.UTC(prng.int(2110, 2180), 0, 1) + prng.int(0, 300) * DAY;
      const panels = Math.ceil(rows / LAB_ITEMS.length);
      const discharge = admit + panels * panelEvery + DAY;
      out["hosp/patients"].write([
        subjectId,
        prng.chance(0.5) ? "F" : "M",
        prng.int(20, 90),
        prng.int(2110, 2180),
        "2014 - 2016",
        null,
      ]);
      out["hosp/admissions"].write([
        subjectId,
        hadmId,
        mimicTime(admit),
        mimicTime(discharge),
        null,
        "EW EMER.",
        "P00001",
        "EMERGENCY ROOM",
        "HOME",
        "Medicare",
        "ENGLISH",
        "MARRIED",
        "WHITE",
        null,
        null,
        0,
      ]);
      for (let i = 0; i < rows; i++) {
        const item = LAB_ITEMS[i % LAB_ITEMS.length];
        if (i % LAB_ITEMS.length === 0) specimenId++;
        const t = admit + Math.floor(i / LAB_ITEMS.length) * panelEvery + 30 * MINUTE;
        const value = Math.max(0, item.mean + prng.normal(0, item.sd * 1.5));
        const low = Array.isArray(item.low) ? item.low[0] : item.low;
        const high = Array.isArray(item.high) ? item.high[0] : item.high;
        const text = value.toFixed(item.decimals);
        const wait = out["hosp/labevents"].write([
          labeventId++,
          subjectId,
          hadmId,
          specimenId,
          item.itemid,
          null,
          mimicTime(t),
          mimicTime(t + HOUR),
          text,
          text,
          item.unit,
          low,
          high,
          Number(text) < low || Number(text) > high ? "abnormal" : null,
          "ROUTINE",
          null,
        ]);
        if (wait) await wait;
      }
      written += rows;
    }
  } finally {
    await closeWriters(out);
  }
  const file = path.join(dir, "hosp/labevents.csv.gz");
  return { rows: written, patients, bytes: statSync(file).size, file };
}
