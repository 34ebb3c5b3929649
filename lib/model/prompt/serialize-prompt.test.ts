import { describe, expect, it } from "vitest";
import { requireTask } from "../tasks/task-catalog";
import { at, encounter, event, lab, patient } from "../testing/record-builder";
import { estimateTokens } from "./estimate-tokens";
import { serializePrompt, type SerializePromptInput } from "./serialize-prompt";

const admission = encounter({
  id: "a1",
  kind: "admission",
  start: "2150-01-01 08:00:00",
  end: "2150-01-06 12:00:00",
  attributes: { admission_type: "EW EMER.", admission_location: "EMERGENCY ROOM" },
});

function base(overrides: Partial<SerializePromptInput> = {}): SerializePromptInput {
  return {
    patient: patient({ anchorAge: 70, gender: "F" }),
    encounters: [admission],
    events: [],
    task: requireTask("labevents"),
    cutoff: at("2150-01-02 08:00:00"),
    maxTokens: 32_000,
    ...overrides,
  };
}

// Twenty single-row lab events, hourly from 09:00, all inside the window before 2150-01-02 08:00,
// each its own block: an order half an hour later ends the run of lab rows (the authors' event
// is a run of consecutive rows of one table).
const hourlyLabs = Array.from({ length: 20 }, (_, i) =>
  lab(
    "2150-01-01 09:00:00",
    `Test ${i}`,
    { valuenum: String(i) },
    { encounterId: "a1", time: new Date(at("2150-01-01 09:00:00").getTime() + i * 3_600_000) },
  ),
);
const halfHourlyOrders = hourlyLabs.map((l, i) =>
  event({
    sourceTable: "poe",
    time: new Date(l.time.getTime() + 1_800_000),
    encounterId: "a1",
    attributes: { hadm_id: "a1", order_type: "Lab", order_subtype: `Order ${i}` },
  }),
);
const hourly = hourlyLabs.flatMap((l, i) => [l, halfHourlyOrders[i]]);

describe("window", () => {
  it("shows only same-admission events in the 24 h before the cut-off", () => {
    const events = [
      lab("2150-01-01 07:59:00", "Before admission, other encounter", { valuenum: "1" }, { encounterId: "other" }),
      lab("2150-01-01 09:00:00", "Inside", { valuenum: "1" }, { encounterId: "a1" }),
      lab("2150-01-02 08:00:00", "At the cut-off", { valuenum: "1" }, { encounterId: "a1" }),
      lab("2150-01-03 08:00:00", "After", { valuenum: "1" }, { encounterId: "a1" }),
    ];
    const prompt = serializePrompt(base({ events }));
    expect(prompt.ehr).toContain("Inside");
    expect(prompt.ehr).not.toContain("At the cut-off");
    expect(prompt.ehr).not.toContain("After");
    expect(prompt.ehr).not.toContain("other encounter");
  });

  it("drops events older than 24 h before the cut-off", () => {
    const events = [lab("2150-01-01 09:00:00", "Old", { valuenum: "1" }, { encounterId: "a1" })];
    const prompt = serializePrompt(base({ events, cutoff: at("2150-01-02 09:00:00") }));
    expect(prompt.ehr).not.toContain("Old");
  });

  it("hides discharge notes from diagnosis tasks (they give the answer away)", () => {
    const note = event({
      sourceTable: "discharge",
      time: "2150-01-06 00:00:00",
      encounterId: "a1",
      attributes: { note_type: "DS", text: "Dx: pneumonia" },
    });
    const withNote = serializePrompt(
      base({ events: [note], task: requireTask("Readmission_30day"), cutoff: at("2150-01-06 12:00:00") }),
    );
    expect(withNote.ehr).toContain("## Discharge [2150-01-06 00:00:00]");
    const hidden = serializePrompt(
      base({ events: [note], task: requireTask("diagnoses_icd"), cutoff: at("2150-01-06 12:00:00") }),
    );
    expect(hidden.ehr).not.toContain("pneumonia");
  });

  it("shows ICU stays as ICUstays events and uses the first 24 h of the stay for ICU tasks", () => {
    const icu = encounter({
      id: "icu1",
      kind: "icu_stay",
      parentId: "a1",
      start: "2150-01-02 10:00:00",
      end: "2150-01-04 10:00:00",
    });
    const events = [
      lab("2150-01-02 09:00:00", "Before ICU", { valuenum: "1" }, { encounterId: "a1" }),
      lab("2150-01-02 11:00:00", "In ICU", { valuenum: "1" }, { encounterId: "icu1" }),
      lab("2150-01-03 11:00:00", "After first day", { valuenum: "1" }, { encounterId: "icu1" }),
      event({
        sourceTable: "poe",
        time: "2150-01-03 12:00:00",
        encounterId: "a1",
        attributes: { order_type: "Later order", order_subtype: "x" },
      }),
    ];
    const prompt = serializePrompt(
      base({
        encounters: [admission, icu],
        events,
        task: requireTask("ICU_Mortality_7day"),
        cutoff: at("2150-01-03 10:00:00"),
      }),
    );
    expect(prompt.ehr).toContain(
      "## ICUstays [2150-01-02 10:00:00]\n\n\n## Labotary Test Events [2150-01-02 11:00:00]",
    );
    expect(prompt.ehr).not.toContain("Before ICU");
    // The window ends with the last same-admission event less than 24 h after the stay began,
    // and that event's whole run of rows, even past 24 h (task_sample_info_gen.py).
    expect(prompt.ehr).toContain("After first day");
    expect(prompt.ehr).not.toContain("Later order");
    expect(prompt.window.icuStay?.id).toBe("icu1");
  });

  it("leaves the admission block empty for the admissions task and looks before the admission", () => {
    const ed = event({
      sourceTable: "transfers",
      time: "2150-01-01 05:00:00",
      encounterId: "a1",
      attributes: { eventtype: "ED", careunit: "Emergency Department" },
    });
    const prompt = serializePrompt(
      base({ events: [ed], task: requireTask("admissions"), cutoff: at("2150-01-01 08:00:00") }),
    );
    expect(prompt.ehr).toBe(
      "## Patient Demographics [None]\n- Anchor_Age: 70\n- Gender: F\n\n\n\n\n\n## Transfers [2150-01-01 05:00:00]\n- Eventtype: ED\n- Careunit: Emergency Department",
    );
  });

  it("never reads events after the cut-off even if the caller passes them", () => {
    const late = lab("2150-01-02 08:00:01", "Late", { valuenum: "1" }, { encounterId: "a1" });
    expect(serializePrompt(base({ events: [late] })).text).not.toContain("Late");
  });

  it("throws a clear error when the rule has no encounter to anchor on", () => {
    expect(() => serializePrompt(base({ task: requireTask("ICU_Stay_7day") }))).toThrow(/no ICU stay/);
  });
});

describe("instruction and switches", () => {
  it("appends /no_think when thinking is off and the authors' direct-answer lines on request", () => {
    const prompt = serializePrompt(base({ thinking: false, directAnswer: { candidates: ["Sodium", "Potassium"] } }));
    expect(prompt.text.split("\n").slice(-4)).toEqual([
      "Given the sequence of events that have occurred in a hospital, please give the next Labotary Test Events suggestion for the patients.",
      "You should choose the item from the candidate list below. Candidate List: ['Sodium', 'Potassium'].",
      "Note that you should directly output the answer without any other information. If there are several items in the prediction, please separate them by `\\n`. For all predicted items, please use the item name instead of the item code. Do not output the code like ICD10 or ICD9.",
      "/no_think",
    ]);
  });

  it("gives risk tasks the yes/no candidate list", () => {
    const prompt = serializePrompt(
      base({ task: requireTask("LengthOfStay_3day"), directAnswer: true, thinkingSwitch: false }),
    );
    expect(
      prompt.text.endsWith(
        "please predict whether the patient's hospital stay will exceed 3 days.\nYou should choose the item from the candidate list below. Candidate List: ['yes', 'no'].\nNote that you should directly output the answer without any other information. You can only choose one answer from the Candidate List.",
      ),
    ).toBe(true);
  });
});

describe("FHIR-imported events", () => {
  it("prints FHIR observations in the lab layout and computes age from the birth date", () => {
    const observation = event({
      sourceTable: "Observation",
      category: "lab",
      time: "2150-01-01 10:00:00",
      encounterId: "a1",
      label: "Hemoglobin [Mass/volume] in Blood",
      valueNum: 13.2,
      unit: "g/dL",
      refLow: 12,
      refHigh: 16,
      attributes: {},
    });
    const immunization = event({
      sourceTable: "Immunization",
      category: "immunization",
      time: "2150-01-01 11:00:00",
      encounterId: "a1",
      label: "Influenza vaccine",
    });
    const prompt = serializePrompt(
      base({
        patient: { gender: "female", birthDate: at("2100-06-15 00:00:00") },
        events: [observation, immunization],
      }),
    );
    expect(prompt.ehr).toContain("- Anchor_Age: 49\n- Gender: F");
    expect(prompt.ehr).toContain(
      "## Labotary Test Events [2150-01-01 10:00:00]\n- Item_Name: Hemoglobin [Mass/volume] in Blood\n- Valuenum: 13.2\n- Valueuom: g/dL\n- Ref_Range_Lower: 12.0\n- Ref_Range_Upper: 16.0\n- Flag: nan\n- Comments: nan",
    );
    expect(prompt.ehr).toContain(
      "## Immunization [2150-01-01 11:00:00]\n- Item_Name: Influenza vaccine\n- Value: nan\n- Unit: nan",
    );
  });
});

describe("context budget", () => {
  const note = event({
    sourceTable: "discharge",
    time: "2149-12-01 00:00:00",
    attributes: { note_type: "DS", text: "long note ".repeat(400) },
  });
  const full = serializePrompt(base({ events: [note, ...hourly] }));

  it("drops whole oldest window events first and records them", () => {
    const budget = full.tokenEstimate - 20;
    const prompt = serializePrompt(base({ events: [note, ...hourly], maxTokens: budget }));
    expect(prompt.tokenEstimate).toBeLessThanOrEqual(budget);
    expect(prompt.dropped.count).toBeGreaterThan(0);
    expect(prompt.dropped.eventIds[0]).toBe(String(hourlyLabs[0].id));
    expect(prompt.ehr).not.toContain("- Item_Name: Test 0\n");
    expect(prompt.ehr).toContain("Test 14");
    expect(prompt.ehr).toContain("long note");
    expect(prompt.ehr.startsWith("## Patient Demographics [None]")).toBe(true);
    expect(prompt.overBudget).toBe(false);
    // Dropped + included = everything that was in the window.
    expect(prompt.dropped.eventIds.length + prompt.includedEventIds.length).toBe(full.includedEventIds.length);
  });

  it("drops the previous discharge note only after every window event, keeping its place empty", () => {
    const prompt = serializePrompt(base({ events: [note, ...hourly], maxTokens: 300 }));
    expect(prompt.dropped.previousDischargeNote).toBe(true);
    expect(prompt.dropped.eventIds).toContain(String(note.id));
    expect(prompt.ehr).toBe(
      "## Patient Demographics [None]\n- Anchor_Age: 70\n- Gender: F\n\n\n\n## Admissions [2150-01-01 08:00:00]\n- Admission_Type: EW EMER.\n- Admission_Location: EMERGENCY ROOM\n- Admission_Info: None",
    );
    expect(prompt.overBudget).toBe(false);
  });

  it("says so when even the demographics do not fit", () => {
    const prompt = serializePrompt(base({ events: hourlyLabs, maxTokens: 10 }));
    expect(prompt.overBudget).toBe(true);
    expect(prompt.ehr.startsWith("## Patient Demographics [None]")).toBe(true);
  });

  it("uses an injected token counter", () => {
    const calls: string[] = [];
    const countChars = (text: string) => {
      calls.push(text);
      return text.length;
    };
    const prompt = serializePrompt(base({ events: hourlyLabs, countTokens: countChars, maxTokens: 2_000 }));
    expect(calls.length).toBeGreaterThan(0);
    expect(prompt.tokenEstimate).toBeLessThanOrEqual(2_000);
    expect(prompt.tokenEstimate).toBe(prompt.text.length + "You are a helpful assistant.".length + 24);
  });
});

describe("estimateTokens", () => {
  it("counts every digit and errs high on tables", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("2158-09-05 16:00:00")).toBeGreaterThanOrEqual(19);
    const row = "| INR(PT) | 1.2 | nan | 0.9 | 1.1 | abnormal | nan |";
    // Qwen's tokenizer gives about 27 tokens for this row (digits one by one).
    expect(estimateTokens(row)).toBeGreaterThanOrEqual(27);
  });

  it("stays near chars/4 for plain English", () => {
    const text = "The patient was admitted with shortness of breath and treated with diuretics. ".repeat(10);
    const estimate = estimateTokens(text);
    expect(estimate).toBeGreaterThanOrEqual(text.length / 5);
    expect(estimate).toBeLessThanOrEqual(text.length / 2.5);
  });
});
