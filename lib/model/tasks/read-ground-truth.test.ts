import { describe, expect, it } from "vitest";
import { at, encounter, event, lab, patient } from "../testing/record-builder";
import { contextWindow, defaultCutoff } from "./context-window";
import { requireTask } from "./task-catalog";
import type { GroundTruthInput } from "./task-types";

const a1 = encounter({
  id: "a1",
  kind: "admission",
  externalId: "100",
  start: "2150-01-01 08:00:00",
  end: "2150-01-05 08:00:00",
  attributes: { admission_type: "EW EMER.", hospital_expire_flag: "0", deathtime: "" },
});
const a2 = encounter({
  id: "a2",
  kind: "admission",
  externalId: "200",
  start: "2150-01-25 08:00:00",
  end: "2150-02-20 08:00:00",
  attributes: { admission_type: "URGENT" },
});
const icu1 = encounter({
  id: "icu1",
  kind: "icu_stay",
  parentId: "a2",
  start: "2150-01-26 00:00:00",
  end: "2150-02-03 00:00:00",
});
const icu2 = encounter({
  id: "icu2",
  kind: "icu_stay",
  parentId: "a2",
  start: "2150-02-10 00:00:00",
  end: "2150-02-11 00:00:00",
});
const encounters = [a1, a2, icu1, icu2];

const input = (cutoff: string, events = [] as GroundTruthInput["events"], deathTime?: string): GroundTruthInput => ({
  patient: patient({ deathTime: deathTime ? at(deathTime) : null }),
  encounters,
  events,
  cutoff: at(cutoff),
});

const answer = (key: string, i: GroundTruthInput) => requireTask(key).readGroundTruth(i);

describe("decision ground truth", () => {
  it("reads the first target event at or after the cut-off in the same admission", () => {
    const events = [
      lab("2150-01-02 06:00:00", "Before", { valuenum: "1" }, { encounterId: "a1" }),
      lab("2150-01-02 10:00:00", "Sodium", { valuenum: "1" }, { encounterId: "a1" }),
      lab("2150-01-02 10:00:00", "Potassium", { valuenum: "1" }, { encounterId: "a1" }),
      lab("2150-01-02 10:00:00", "Sodium", { valuenum: "1" }, { encounterId: "a1" }),
      lab("2150-01-03 10:00:00", "Later", { valuenum: "1" }, { encounterId: "a1" }),
      lab("2150-01-25 10:00:00", "Other admission", { valuenum: "1" }, { encounterId: "a2" }),
    ];
    const truth = answer("labevents", input("2150-01-02 08:00:00", events));
    expect(truth).toMatchObject({
      kind: "items",
      items: ["Sodium", "Potassium"],
      eventIds: [String(events[1].id), String(events[2].id), String(events[3].id)],
    });
    expect(answer("labevents", input("2150-01-04 00:00:00", events))).toMatchObject({ kind: "unknown" });
  });

  it("prefers careunit for transfers and reads radiology exam names", () => {
    const events = [
      event({
        sourceTable: "transfers",
        time: "2150-01-02 10:00:00",
        encounterId: "a1",
        attributes: { eventtype: "transfer", careunit: "Medical Intensive Care Unit (MICU)" },
      }),
      event({
        sourceTable: "transfers",
        time: "2150-01-03 10:00:00",
        encounterId: "a1",
        attributes: { eventtype: "discharge", careunit: "" },
      }),
      event({
        sourceTable: "radiology",
        time: "2150-01-02 11:00:00",
        encounterId: "a1",
        attributes: { exam_name: ["CHEST (PORTABLE AP)", "CHEST (PA AND LAT)"] },
      }),
    ];
    expect(answer("transfers", input("2150-01-02 08:00:00", events))).toMatchObject({
      items: ["Medical Intensive Care Unit (MICU)"],
    });
    expect(answer("transfers", input("2150-01-03 08:00:00", events))).toMatchObject({ items: ["discharge"] });
    expect(answer("radiology", input("2150-01-02 08:00:00", events))).toMatchObject({
      items: ["CHEST (PORTABLE AP)", "CHEST (PA AND LAT)"],
    });
  });

  it("reads drug names, the next admission type and the next event's table", () => {
    const rx = event({
      sourceTable: "prescriptions",
      time: "2150-01-02 10:00:00",
      encounterId: "a1",
      label: "Furosemide",
      attributes: { drug: "Furosemide" },
    });
    expect(answer("prescriptions", input("2150-01-02 08:00:00", [rx]))).toMatchObject({ items: ["Furosemide"] });
    expect(answer("admissions", input("2150-01-10 00:00:00"))).toMatchObject({ kind: "items", items: ["URGENT"] });
    expect(answer("next_event", input("2150-01-02 08:00:00", [rx]))).toMatchObject({ items: ["prescriptions"] });
  });

  it("cannot read CCS/ATC answers without the external maps", () => {
    const rx = event({
      sourceTable: "prescriptions",
      time: "2150-01-02 10:00:00",
      encounterId: "a1",
      label: "Furosemide",
      attributes: { drug: "Furosemide" },
    });
    const truth = answer("prescriptions_atc", input("2150-01-02 08:00:00", [rx]));
    expect(truth.kind).toBe("unknown");
    if (truth.kind === "unknown") expect(truth.reason).toMatch(/ATC Type/);
  });
});

describe("risk ground truth", () => {
  it("in-hospital mortality from the admission's flag, deathtime, or the date of death", () => {
    expect(answer("Inpatient_Mortality", input("2150-01-02 08:00:00"))).toMatchObject({ answer: "no" });
    const died = encounter({
      ...a1,
      start: a1.start,
      end: a1.end,
      attributes: { deathtime: "2150-01-05 07:00:00", hospital_expire_flag: "1" },
    });
    expect(
      requireTask("Inpatient_Mortality").readGroundTruth({ ...input("2150-01-02 08:00:00"), encounters: [died] }),
    ).toMatchObject({
      answer: "yes",
      evidence: "admissions.deathtime 2150-01-05 07:00:00",
    });
    // No admission columns: the authors' rule (date of death on or before discharge).
    const bare = encounter({ id: "b", kind: "admission", start: "2150-01-01 08:00:00", end: "2150-01-05 08:00:00" });
    const byDod = { ...input("2150-01-02 08:00:00", [], "2150-01-05 00:00:00"), encounters: [bare] };
    expect(requireTask("Inpatient_Mortality").readGroundTruth(byDod)).toMatchObject({ answer: "yes" });
  });

  it("length of stay", () => {
    expect(answer("LengthOfStay_3day", input("2150-01-02 08:00:00"))).toMatchObject({ answer: "yes" });
    expect(answer("LengthOfStay_7day", input("2150-01-02 08:00:00"))).toMatchObject({ answer: "no" });
  });

  it("readmission within 30/60 days of discharge", () => {
    expect(answer("Readmission_30day", input("2150-01-05 08:00:00"))).toMatchObject({
      answer: "yes",
      evidence: expect.stringContaining("20.0 days"),
    });
    expect(answer("Readmission_30day", input("2150-02-20 08:00:00"))).toMatchObject({ answer: "no" });
  });

  it("ICU mortality counts from the end of the first 24 h", () => {
    const i = input("2150-01-27 00:00:00", [], "2150-01-29 12:00:00");
    expect(answer("ICU_Mortality_1day", i)).toMatchObject({ answer: "no" });
    expect(answer("ICU_Mortality_3day", i)).toMatchObject({ answer: "yes" });
    expect(answer("ICU_Mortality_14day", input("2150-01-27 00:00:00"))).toMatchObject({ answer: "no" });
  });

  it("ICU length of stay and ICU readmission", () => {
    const i = input("2150-01-27 00:00:00");
    expect(answer("ICU_Stay_7day", i)).toMatchObject({ answer: "yes" });
    expect(answer("ICU_Stay_14day", i)).toMatchObject({ answer: "no" });
    expect(answer("ICU_Readmission", i)).toMatchObject({ answer: "yes" });
    expect(answer("ICU_Readmission", input("2150-02-11 00:00:00"))).toMatchObject({ answer: "no" });
  });

  it("ED outcomes follow the stay's admission", () => {
    const ed = encounter({
      id: "ed1",
      kind: "ed_stay",
      start: "2150-01-25 02:00:00",
      end: "2150-01-25 07:00:00",
      attributes: { hadm_id: "200" },
    });
    const ed2 = encounter({ id: "ed2", kind: "ed_stay", start: "2150-03-01 02:00:00", end: "2150-03-01 07:00:00" });
    const i = { ...input("2150-01-25 07:00:00"), encounters: [...encounters, ed, ed2] };
    expect(requireTask("ED_Hospitalization").readGroundTruth(i)).toMatchObject({ answer: "yes" });
    expect(requireTask("ED_ICU_Tranfer_12hour").readGroundTruth(i)).toMatchObject({ answer: "no" });
    expect(requireTask("ED_Reattendance_3day").readGroundTruth(i)).toMatchObject({ answer: "no" });
    const i2 = { ...input("2150-03-01 07:00:00"), encounters: [...encounters, ed, ed2] };
    expect(requireTask("ED_Hospitalization").readGroundTruth(i2)).toMatchObject({ answer: "no" });
  });

  it("is unknown when the rule's encounter is missing", () => {
    expect(answer("ICU_Stay_7day", input("2150-01-02 08:00:00"))).toMatchObject({
      kind: "unknown",
      reason: expect.stringMatching(/ICU/),
    });
  });
});

describe("context windows", () => {
  it("anchors each rule and suggests default cut-offs", () => {
    const icuWindow = contextWindow(requireTask("ICU_Stay_7day"), encounters, at("2150-02-01 00:00:00"));
    expect(icuWindow).toMatchObject({
      start: at("2150-01-26 00:00:00"),
      end: at("2150-01-27 00:00:00"),
      admission: { id: "a2" },
    });
    const readmission = contextWindow(requireTask("Readmission_60day"), encounters, at("2150-01-10 00:00:00"));
    expect(readmission).toMatchObject({ end: at("2150-01-05 08:00:00"), endInclusive: true, admission: { id: "a1" } });
    expect(defaultCutoff(requireTask("Inpatient_Mortality"), a1)).toEqual(at("2150-01-02 08:00:00"));
    expect(defaultCutoff(requireTask("Readmission_30day"), a1)).toEqual(at("2150-01-05 08:00:00"));
    expect(defaultCutoff(requireTask("labevents"), a1)).toBeUndefined();
  });
});
