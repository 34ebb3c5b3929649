// The app's prompt against every one of the EHR-R1 authors' own prompts for two MIMIC-IV demo
// patients (../shared/ehr-r1-reference: their pipeline, pandas 1.5.3), built from the records
// the project's MIMIC-IV reader makes of the same CSVs. The database test
// (authors-prompts.db.test.ts) does the same through an import and the run's record read.
import { beforeAll, describe, expect, it } from "vitest";
import { requireTask } from "../tasks/task-catalog";
import { readDemoRecords, type DemoRecord } from "../testing/demo-record";
import {
  firstDifference,
  goldenCutoff,
  GOLDEN_SUBJECTS,
  readGoldenSamples,
  type GoldenSample,
} from "../testing/authors-golden";
import { serializePrompt } from "./serialize-prompt";

let records: Map<string, DemoRecord>;
const samples = readGoldenSamples();

beforeAll(async () => {
  records = await readDemoRecords(GOLDEN_SUBJECTS);
}, 120_000);

function appPrompt(sample: GoldenSample) {
  const record = records.get(sample.subject_id)!;
  return serializePrompt({
    ...record,
    task: requireTask(sample.task),
    cutoff: goldenCutoff(sample),
    maxTokens: Number.POSITIVE_INFINITY,
    thinking: true,
  });
}

describe("the authors' prompts (MIMIC-IV demo, 1,031 samples)", () => {
  it("reads all the golden samples", () => {
    expect(samples).toHaveLength(1031);
  });

  it("matches every one byte for byte", () => {
    const mismatches: string[] = [];
    for (const sample of samples) {
      const prompt = appPrompt(sample);
      if (prompt.text !== sample.user || prompt.messages[0].content !== sample.system) {
        mismatches.push(
          `${sample.subject_id} ${sample.task} @${sample.at}: ${firstDifference(sample.user, prompt.text)}`,
        );
      }
    }
    if (process.env.GOLDEN_REPORT)
      console.log(
        `${samples.length - mismatches.length}/${samples.length} identical\n${mismatches.slice(0, 12).join("\n")}`,
      );
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(mismatches).toHaveLength(0);
  }, 300_000);
});
