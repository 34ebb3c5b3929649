// The app's prompt against every one of the EHR-R1 authors' own prompts for two MIMIC-IV demo
// patients (../shared/ehr-r1-reference: their pipeline, pandas 1.5.3), built from the records
// the project's MIMIC-IV reader makes of the same CSVs. The database test
// (authors-prompts.db.test.ts) does the same through an import and the run's record read.
import { beforeAll, describe, expect, it } from "vitest";
import { requireTask } from "../tasks/task-catalog";
import { readDemoRecords, type DemoRecord } from "../../ehr/mimic-iv/demo-record";
import {
  firstDifference,
  goldenCutoff,
  GOLDEN_SUBJECTS,
  readGoldenSamples,
  type GoldenSample,
} from "../testing/authors-golden";
import { at } from "../testing/record-builder";
import { TASKS } from "../tasks/task-catalog";
import { decisionSampleTimes } from "./sample-window";
import { serializePrompt } from "./serialize-prompt";
import { buildTrajectory } from "./trajectory";

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

describe("no answer in the context", () => {
  it("no task's prompt, at any of the authors' sample times, holds a diagnoses block or a row after the cut-off", () => {
    // The authors' trajectory places diagnoses after their admission's last row, so no window of
    // that admission shows them; the app's former windows did (a 19-hour admission's mortality
    // prompt carried the discharge diagnoses).
    const leaks: string[] = [];
    for (const subject of GOLDEN_SUBJECTS) {
      const record = records.get(subject)!;
      const trajectory = buildTrajectory(record);
      for (const task of TASKS) {
        if (task.contextRule === "ed_stay" || task.key === "next_event") continue;
        const cutoffs =
          task.group === "decision_making"
            ? decisionSampleTimes(trajectory, task.targetTable ?? task.key).map((s) => at(s.time))
            : record.encounters
                .filter((e) => e.kind === (task.contextRule === "icu_first_24h" ? "icu_stay" : "admission"))
                .map((e) => new Date(e.start.getTime() + 24 * 3_600_000));
        for (const cutoff of cutoffs) {
          let prompt;
          try {
            prompt = serializePrompt({ ...record, task, cutoff, maxTokens: Number.POSITIVE_INFINITY });
          } catch {
            continue; // a task the record cannot anchor (ContextWindowError)
          }
          const where = `${subject} ${task.key} @${cutoff.toISOString()}`;
          if (prompt.ehr.includes("## Diagnoses on International Classification of Diseases"))
            leaks.push(`${where}: diagnoses block`);
          // Decision windows end before their target; a risk window's last run may go on.
          if (task.group === "decision_making") {
            const shown = new Set(prompt.includedEventIds);
            const late = record.events.filter(
              (e) => shown.has(String(e.id)) && e.time > cutoff && e.sourceTable !== "admissions",
            );
            if (late.length) leaks.push(`${where}: ${late.length} rows after the cut-off`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  }, 300_000);
});
