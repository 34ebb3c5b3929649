// The EHR-R1 authors' own prompts for two MIMIC-IV demo patients (../shared/ehr-r1-reference,
// made by their pipeline with pandas 1.5.3), and the app's prompt for the same sample, for the
// golden tests. Read in place, never copied into the repo.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { EHR_R1_REFERENCE_DIR } from "../../../test/ehr-samples";
import { at } from "./record-builder";

export type GoldenSample = {
  subject_id: string;
  hadm_id: string;
  task: string;
  task_type: "decision_making" | "risk_prediction";
  at: string;
  context_first_time: string;
  in_bench: boolean;
  label: unknown;
  system: string;
  user: string;
};

export const GOLDEN_SUBJECTS = ["10000032", "10019777"];

export function readGoldenSamples(): GoldenSample[] {
  const file = path.join(EHR_R1_REFERENCE_DIR, "authors-prompts.jsonl.gz");
  return gunzipSync(readFileSync(file))
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as GoldenSample);
}

/** The cut-off that picks a sample: decision tasks its target time, risk tasks the start + 24 h. */
export function goldenCutoff(sample: GoldenSample): Date {
  if (sample.task_type === "decision_making") return at(sample.at);
  return new Date(at(sample.context_first_time).getTime() + 24 * 3_600_000);
}

/** The first line where two prompts differ, with a little context, for a readable failure. */
export function firstDifference(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  authors: ${JSON.stringify(a[i])}\n  app:     ${JSON.stringify(b[i])}`;
  }
  return "identical";
}
