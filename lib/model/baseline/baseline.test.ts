import { describe, expect, it } from "vitest";
import { BackendAbortedError } from "../backends/backend-errors";
import { splitSteps } from "../parse/split-steps";
import type { ModelStreamEvent } from "../stream-events";
import { requireTask } from "../tasks/task-catalog";
import { at, encounter, event, lab, patient } from "../testing/record-builder";
import { predictBaseline, runBaseline } from "./run-baseline";

const prev = encounter({
  id: "a0",
  kind: "admission",
  start: "2149-06-01 08:00:00",
  end: "2149-06-05 08:00:00",
  attributes: { admission_type: "ELECTIVE" },
});
const adm = encounter({
  id: "a1",
  kind: "admission",
  start: "2150-01-01 08:00:00",
  end: "2150-01-09 08:00:00",
  attributes: { admission_type: "EW EMER." },
});
const icu = encounter({
  id: "icu1",
  kind: "icu_stay",
  parentId: "a1",
  start: "2150-01-01 20:00:00",
  end: "2150-01-04 20:00:00",
});

const labsAt = (time: string, names: string[], encounterId = "a1") =>
  names.map((n) => lab(time, n, { valuenum: "1" }, { encounterId }));

describe("item baseline", () => {
  const events = [
    ...labsAt("2149-06-02 06:00:00", ["Albumin", "Sodium"], "a0"),
    ...labsAt("2149-06-03 06:00:00", ["Albumin"], "a0"),
    ...labsAt("2150-01-01 10:00:00", ["Sodium", "Potassium", "Glucose"]),
    ...labsAt("2150-01-02 06:00:00", ["Sodium", "Potassium", "Lactate"]),
    ...labsAt("2150-01-03 06:00:00", ["Troponin T", "Future lab"]),
  ];
  const input = {
    task: requireTask("labevents"),
    patient: patient(),
    encounters: [prev, adm],
    events,
    cutoff: at("2150-01-03 06:00:00"),
  };

  it("ranks this admission's most frequent items, then history, cut to the typical event size", () => {
    const prediction = predictBaseline(input);
    // Sodium and Potassium were in both events; Sodium also before. Lactate is more recent than Glucose.
    expect(prediction.items).toEqual(["Sodium", "Potassium", "Lactate"]);
    expect(prediction.answer).toBe("Sodium\nPotassium\nLactate");
    expect(prediction.probability).toBeNull();
    expect(prediction.reasoning).not.toContain("Future lab");
    expect(prediction.reasoning).toContain(
      "- This admission (from 2150-01-01 08:00:00): 2 earlier labevents event(s), median 3 item(s) each.",
    );
    expect(prediction.reasoning).toContain("Sodium (2× this admission, 1× before)");
    expect(prediction.reasoning).toContain("the median number of items per labevents event in this admission");
  });

  it("uses the patient's history when the admission has nothing yet, and honours topN", () => {
    const early = { ...input, cutoff: at("2150-01-01 09:00:00") };
    // Earlier events held 2 and 1 items: median 1.5 rounds to 2.
    expect(predictBaseline(early).items).toEqual(["Albumin", "Sodium"]);
    expect(predictBaseline({ ...early, topN: 1 }).items).toEqual(["Albumin"]);
  });

  it("answers the next event's table and the admission type with one item", () => {
    const next = predictBaseline({ ...input, task: requireTask("next_event") });
    expect(next.items).toEqual(["labevents"]);
    const type = predictBaseline({ ...input, task: requireTask("admissions"), cutoff: at("2150-01-01 08:00:00") });
    expect(type.items).toEqual(["ELECTIVE"]);
  });

  it("predicts nothing, and says why, when the table has no rows", () => {
    const prediction = predictBaseline({ ...input, task: requireTask("prescriptions_atc") });
    expect(prediction.items).toEqual([]);
    expect(prediction.reasoning).toMatch(/No prescriptions items before the cut-off \(needs an NDC→ATC map/);
  });

  it("writes the three sections EHR-R1 uses", () => {
    const steps = splitSteps(predictBaseline(input).reasoning);
    expect([...new Set(steps.map((s) => s.section))]).toEqual(["Extraction", "Reasoning", "Final Results"]);
  });
});

describe("risk baseline", () => {
  const events = [
    lab("2150-01-01 22:00:00", "Lactate", { valuenum: "4.5", flag: "abnormal" }, { encounterId: "icu1", refHigh: 2 }),
    lab("2150-01-01 22:00:00", "Creatinine", { valuenum: "1.5", flag: "abnormal" }, { encounterId: "icu1" }),
    lab("2150-01-01 22:00:00", "Sodium", { valuenum: "140" }, { encounterId: "icu1", refLow: 135, refHigh: 145 }),
    lab("2150-01-01 23:00:00", "Potassium", { valuenum: "6.1" }, { encounterId: "icu1", refLow: 3.3, refHigh: 5.1 }),
    lab("2150-01-03 22:00:00", "Lactate", { valuenum: "9" }, { encounterId: "icu1" }),
  ];
  const input = {
    task: requireTask("ICU_Mortality_7day"),
    patient: patient({ anchorAge: 82 }),
    encounters: [prev, adm, icu],
    events,
    cutoff: at("2150-01-02 20:00:00"),
  };

  it("adds transparent points and maps them to a probability around the base rate", () => {
    const prediction = predictBaseline(input);
    // age 82: 2, abnormal 3 of 4: 1, lactate 4.5: 2, creatinine 1.5: 1, ICU task: 0, 1 earlier admission: 1, EW EMER.: 1 → 8
    const expected = 1 / (1 + Math.exp(-(Math.log(0.08 / 0.92) + 0.5 * (8 - 3))));
    expect(prediction.probability).toBeCloseTo(expected, 12);
    expect(prediction.answer).toBe(expected >= 0.5 ? "yes" : "no");
    expect(prediction.reasoning).toContain("- Abnormal lab results in the window: 3 of 4 → 1 point (≥ 10: 2, 3-9: 1)");
    expect(prediction.reasoning).toContain("- Highest lactate: 4.5 mmol/L → 2 points");
    expect(prediction.reasoning).toContain("score 8");
    expect(prediction.reasoning).not.toContain("9 mmol/L");
    expect(prediction.reasoning.endsWith(`## Final Results\n${prediction.answer}`)).toBe(true);
  });

  it("says yes when the score is high enough", () => {
    const highRisk = predictBaseline({
      ...input,
      task: requireTask("LengthOfStay_3day"),
      cutoff: at("2150-01-02 08:00:00"),
    });
    expect(highRisk.answer).toBe("yes");
    expect(highRisk.probability!).toBeGreaterThan(0.5);
  });
});

describe("runBaseline", () => {
  const input = {
    task: requireTask("Inpatient_Mortality"),
    patient: patient(),
    encounters: [adm],
    events: [],
    cutoff: at("2150-01-02 08:00:00"),
  };

  it("streams like a model: reasoning sections, answer, probability, finish", async () => {
    const events: ModelStreamEvent[] = [];
    for await (const e of runBaseline(input)) events.push(e);
    expect(events.map((e) => e.type)).toEqual([
      "reasoning",
      "reasoning",
      "reasoning",
      "answer",
      "probability",
      "finish",
    ]);
    const reasoning = events
      .filter((e) => e.type === "reasoning")
      .map((e) => (e as { text: string }).text)
      .join("");
    // Backend-neutral: a blind review shows this text without saying which backend wrote it.
    expect(reasoning.startsWith("## Extraction")).toBe(true);
    expect(reasoning).not.toMatch(/baseline|EHR-R1/i);
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop", model: "baseline (not EHR-R1)" });
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    const seen: ModelStreamEvent[] = [];
    await expect(async () => {
      for await (const e of runBaseline(input, { signal: controller.signal })) {
        seen.push(e);
        controller.abort();
      }
    }).rejects.toThrow(BackendAbortedError);
    expect(seen).toHaveLength(1);
  });

  it("never reads events after the cut-off", () => {
    const leak = event({
      sourceTable: "labevents",
      time: "2150-01-01 12:00:00",
      encounterId: "a1",
      label: "LEAK",
      valueNum: 99,
      flag: "abnormal",
    });
    const early = predictBaseline({ ...input, events: [leak], cutoff: at("2150-01-01 11:00:00") });
    expect(early.reasoning).toContain("Abnormal lab results in the window: 0 of 0");
  });
});
