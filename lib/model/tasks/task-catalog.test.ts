import { describe, expect, it } from "vitest";
import {
  availableTasks,
  getTask,
  importedTableKeys,
  requireTask,
  taskRecord,
  TASKS,
  UnknownTaskError,
} from "./task-catalog";

const MIMIC_DEMO_TABLES = new Set([
  "admissions",
  "patients",
  "transfers",
  "services",
  "labevents",
  "microbiologyevents",
  "prescriptions",
  "emar",
  "poe",
  "omr",
  "diagnoses_icd",
  "procedures_icd",
  "icustays",
  "chartevents",
  "inputevents",
  "outputevents",
  "procedureevents",
  "ingredientevents",
  "datetimeevents",
]);

describe("catalog", () => {
  it("has the 27 decision-making keys of the authors' config and 18 risk tasks", () => {
    const decision = TASKS.filter((t) => t.group === "decision_making").map((t) => t.key);
    const risk = TASKS.filter((t) => t.group === "risk_prediction").map((t) => t.key);
    expect(decision.sort()).toEqual(
      [
        "admissions",
        "omr",
        "emar",
        "procedures_icd",
        "procedures_ccs",
        "diagnoses_icd",
        "diagnoses_ccs",
        "labevents",
        "microbiologyevents",
        "services",
        "transfers",
        "poe",
        "radiology",
        "prescriptions",
        "prescriptions_atc",
        "pyxis",
        "medrecon",
        "medrecon_atc",
        "diagnosis",
        "diagnosis_ccs",
        "chartevents",
        "ingredientevents",
        "datetimeevents",
        "procedureevents",
        "inputevents",
        "outputevents",
        "next_event",
      ].sort(),
    );
    expect(risk).toHaveLength(18);
    expect(new Set(TASKS.map((t) => t.key)).size).toBe(TASKS.length);
  });

  it("uses the training instructions verbatim", () => {
    for (const task of TASKS) {
      expect(
        task.instruction.startsWith("Given the sequence of events that have occurred in a hospital, please "),
      ).toBe(true);
      if (task.group === "decision_making")
        expect(task.instruction).toMatch(/please give the next .+ suggestion for the patients\.$/);
      else expect(task.instruction).toMatch(/please predict whether /);
    }
    expect(requireTask("labevents").instruction).toBe(
      "Given the sequence of events that have occurred in a hospital, please give the next Labotary Test Events suggestion for the patients.",
    );
    expect(requireTask("diagnoses_icd").instruction).toBe(
      "Given the sequence of events that have occurred in a hospital, please give the next Diagnoses International Classification of Diseases Item suggestion for the patients.",
    );
    // The authors' strings keep their quirks.
    expect(requireTask("ICU_Mortality_2day").instruction.endsWith("will die within 2 day.")).toBe(true);
    expect(requireTask("Readmission_30day").instruction.endsWith("within 30 days")).toBe(true);
  });

  it("answers item lists for decision tasks and yes/no for risk tasks", () => {
    for (const task of TASKS) expect(task.answerType).toBe(task.group === "decision_making" ? "item_list" : "yes_no");
    expect(requireTask("labevents").thinkingDefault).toBe(true);
    expect(requireTask("Inpatient_Mortality").thinkingDefault).toBe(false);
  });

  it("looks tasks up and names unknown ones", () => {
    expect(getTask("nope")).toBeUndefined();
    expect(() => requireTask("nope")).toThrow(UnknownTaskError);
  });

  it("maps to the Task table's columns", () => {
    expect(taskRecord(requireTask("ICU_Stay_7day"))).toEqual({
      key: "ICU_Stay_7day",
      group: "risk_prediction",
      answerType: "yes_no",
      title: "ICU stay of 7 days or more",
      instruction:
        "Given the sequence of events that have occurred in a hospital, please predict whether the patient will stay in the ICU for more than 7 days.",
      contextRule: "the first 24 h of the ICU stay",
      sourceTable: "icustays",
      groundTruth: "yes if outtime - intime >= 7 days",
    });
  });
});

describe("availableTasks", () => {
  const availability = new Map(availableTasks(MIMIC_DEMO_TABLES).map((a) => [a.task.key, a]));

  it("lists every task, marking the ones the data cannot support", () => {
    expect(availability.size).toBe(TASKS.length);
    expect(availability.get("labevents")!.available).toBe(true);
    expect(availability.get("ICU_Mortality_1day")!.available).toBe(true);
    expect(availability.get("radiology")!).toMatchObject({
      available: false,
      missingTables: ["radiology"],
      reason: "needs radiology (not imported)",
    });
    expect(availability.get("pyxis")!.reason).toMatch(/MIMIC-IV-ED/);
    expect(availability.get("diagnoses_ccs")!).toMatchObject({ available: false, missingTables: ["d_ccs_diagnoses"] });
    expect(availability.get("diagnoses_ccs")!.reason).toMatch(/CCS/);
    expect(availability.get("ED_Hospitalization")!.available).toBe(false);
    expect(availability.get("next_event")!.available).toBe(true);
  });

  it("marks everything but next_event unavailable with nothing imported", () => {
    const none = availableTasks(new Set());
    expect(none.filter((a) => a.available).map((a) => a.task.key)).toEqual(["next_event"]);
  });

  it("derives table names from FHIR events and encounters", () => {
    const tables = importedTableKeys(
      [
        { sourceTable: "Observation", category: "lab" },
        { sourceTable: "Condition", category: "diagnosis" },
        { sourceTable: "Immunization", category: "immunization" },
      ],
      ["admission", "ambulatory"],
    );
    expect([...tables].sort()).toEqual(["Immunization", "admissions", "diagnoses_icd", "labevents"]);
    const available = availableTasks(tables)
      .filter((a) => a.available)
      .map((a) => a.task.key);
    expect(available).toEqual(expect.arrayContaining(["labevents", "diagnoses_icd", "Inpatient_Mortality"]));
  });
});
