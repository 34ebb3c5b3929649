// The model library on records produced by the project's own MIMIC-IV reader from the official
// demo (../shared/ehr-samples): the serializer's assumptions about sourceTable, labels, times
// and attributes are checked against what the importer really emits.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { samplePath } from "../../test/ehr-samples";
import type { ImportRecord } from "../ehr/import-record";
import { readMimicIv } from "../ehr/mimic-iv/read-mimic-iv";
import { predictBaseline } from "./baseline/run-baseline";
import { serializePrompt } from "./prompt/serialize-prompt";
import type { RecordEncounter, RecordEvent, RecordPatient } from "./record";
import { availableTasks, requireTask, TASKS } from "./tasks/task-catalog";
import { ContextWindowError } from "./tasks/context-window";
import { at } from "./testing/record-builder";

const DEMO = samplePath("mimic-iv-demo");

let patient: RecordPatient;
let encounters: RecordEncounter[];
let events: RecordEvent[];
let tables: Set<string>;

beforeAll(async () => {
  const records: ImportRecord[] = [];
  const context = { patients: new Set(["10000032"]), reject: () => {}, skip: () => {} };
  for await (const record of readMimicIv([path.join(DEMO, "hosp"), path.join(DEMO, "icu")], context))
    records.push(record);
  // Shape the records as database rows: encounters keyed by external id, events numbered in order.
  const p = records.find((r) => r.kind === "patient")!;
  patient = { id: "p", gender: p.gender, anchorAge: p.anchorAge, deathTime: p.deathTime };
  encounters = records.flatMap((r) =>
    r.kind === "encounter"
      ? [
          {
            id: r.externalId,
            kind: r.encounterKind,
            externalId: r.externalId,
            parentId: r.parentExternalId ?? null,
            start: r.start,
            end: r.end ?? null,
            attributes: r.attributes,
          },
        ]
      : [],
  );
  let id = 0;
  events = records.flatMap((r) =>
    r.kind === "event" ? [{ ...r, id: ++id, encounterId: r.encounterExternalId ?? null }] : [],
  );
  tables = new Set(events.map((e) => e.sourceTable));
}, 60_000);

describe("MIMIC-IV demo through the project's importer", () => {
  it("prints the 22:45 urine labs exactly as the golden test derived them", () => {
    const prompt = serializePrompt({
      patient,
      encounters,
      events,
      task: requireTask("labevents"),
      cutoff: at("2180-06-27 05:10:00"),
      maxTokens: 32_000,
    });
    expect(
      prompt.ehr.startsWith(
        "## Patient Demographics [None]\n- Anchor_Age: 52\n- Gender: F\n\n\n\n## Admissions [2180-06-26 18:27:00]\n- Admission_Type: EW EMER.\n- Admission_Location: EMERGENCY ROOM\n- Admission_Info: None\n\n",
      ),
    ).toBe(true);
    expect(prompt.ehr).toContain(
      [
        "## Labotary Test Events [2180-06-26 22:45:00]",
        "| Item_Name | Valuenum | Valueuom | Ref_Range_Lower | Ref_Range_Upper | Flag | Comments |",
        "| ------ | ------ | ------ | ------ | ------ | ------ | ------ |",
        "| Nitrite | nan | nan | nan | nan | nan | NEG. |",
        "| RBC | 1.0 | #/hpf | 0.0 | 2.0 | nan | nan |",
        "| Bilirubin | nan | mg/dL | nan | nan | nan | NEG. |",
        "| Specific Gravity | 1.023 |   | 1.001 | 1.035 | nan | nan |",
      ].join("\n"),
    );
    expect(prompt.ehr).toContain("## Transfers [2180-06-26 21:31:00]\n- Eventtype: admit\n- Careunit: Transplant");
    expect(prompt.ehr).toContain("## Services [2180-06-26 18:28:08]\n- Curr_Service: MED");
    expect(prompt.ehr).toContain(
      "## Prescriptions [2180-06-26 22:00:00]\n| Drug | Atc Type | Prod_Strength | Dose_Val_Rx | Dose_Unit_Rx |\n| ------ | ------ | ------ | ------ | ------ |\n| Heparin | None | 5000 Units / mL- 1mL Vial | 5000 | UNIT |\n",
    );
    expect(prompt.ehr).toContain(
      "## Provider Order Entry [2180-06-26 21:40:32]\n| Order_Type | Order_Subtype |\n| ------ | ------ |\n",
    );
    // Events after the cut-off and the admission's own event stay out.
    expect(prompt.ehr).not.toContain("[2180-06-27 05:10:00]");
    expect(prompt.ehr.match(/## Admissions \[/g)).toHaveLength(1);
  });

  it("builds a prompt, a ground truth and a baseline for every available task at a sensible cut-off", () => {
    const available = availableTasks(tables)
      .filter((a) => a.available)
      .map((a) => a.task.key);
    expect(available).toEqual(
      expect.arrayContaining([
        "labevents",
        "prescriptions",
        "diagnoses_icd",
        "Inpatient_Mortality",
        "Readmission_30day",
        "LengthOfStay_7day",
      ]),
    );
    const cutoffs: Record<string, string> = {
      admission_24h_before_cutoff: "2180-06-27 05:10:00",
      admission_first_24h: "2180-06-27 18:27:00",
      admission_last_24h: "2180-06-27 18:49:00",
      icu_first_24h: "2180-07-24 12:00:00",
    };
    for (const key of available) {
      const task = requireTask(key);
      const cutoff = at(cutoffs[task.contextRule]);
      try {
        const prompt = serializePrompt({ patient, encounters, events, task, cutoff, maxTokens: 27_904 });
        expect(prompt.overBudget).toBe(false);
        expect(prompt.text.endsWith(task.instruction + (task.thinkingDefault ? "\n/think" : "\n/no_think"))).toBe(true);
        const truth = task.readGroundTruth({ patient, encounters, events, cutoff });
        expect(["items", "yes_no", "unknown"]).toContain(truth.kind);
        const baseline = predictBaseline({ task, patient, encounters, events, cutoff });
        expect(baseline.reasoning).toContain("## Final Results");
      } catch (error) {
        // This patient has no ICU stay: ICU tasks cannot anchor, and say so.
        expect(error).toBeInstanceOf(ContextWindowError);
        expect(task.contextRule).toBe("icu_first_24h");
      }
    }
    expect(TASKS.length).toBe(45);
  });

  it("reads this admission's outcomes", () => {
    const cutoff = at("2180-06-27 18:49:00");
    const read = (key: string) => requireTask(key).readGroundTruth({ patient, encounters, events, cutoff });
    expect(read("Readmission_30day")).toMatchObject({ answer: "yes" }); // back on 2180-07-23
    expect(read("LengthOfStay_3day")).toMatchObject({ answer: "no" });
    expect(
      requireTask("Inpatient_Mortality").readGroundTruth({
        patient,
        encounters,
        events,
        cutoff: at("2180-06-27 18:27:00"),
      }),
    ).toMatchObject({
      answer: "no",
      evidence: expect.stringContaining("discharged alive"),
    });
    expect(read("diagnoses_icd")).toMatchObject({ kind: "items" });
  });
});
