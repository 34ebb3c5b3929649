// Observations the Synthea samples lack (their categories are survey/exam only, without
// components): a laboratory result with range and flag, and a blood-pressure panel split into
// components. Written as a small Bundle file and read through the reader.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventRecord } from "../import-record";
import { interpretationFlag } from "./map-observation";
import { TempDir, bundle, readAll } from "./test-support";

const loinc = (code: string, display: string) => ({ coding: [{ system: "http://loinc.org", code, display }] });
const category = (code: string) => [
  { coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code }] },
];
const base = {
  resourceType: "Observation",
  status: "final",
  subject: { reference: "urn:uuid:p1" },
  encounter: { reference: "urn:uuid:e1" },
  effectiveDateTime: "2022-03-04T10:30:00-05:00",
};

const resources = [
  { resourceType: "Patient", id: "p1", gender: "male", birthDate: "1950" },
  {
    resourceType: "Encounter",
    id: "e1",
    class: { code: "IMP" },
    subject: { reference: "urn:uuid:p1" },
    period: { start: "2022-03-04T08:00:00-05:00" },
  },
  {
    ...base,
    id: "potassium",
    category: category("laboratory"),
    code: { ...loinc("2823-3", "Potassium [Moles/volume] in Serum or Plasma"), text: "Potassium" },
    valueQuantity: { value: 5.9, unit: "mmol/L", system: "http://unitsofmeasure.org", code: "mmol/L" },
    referenceRange: [{ low: { value: 3.5, unit: "mmol/L" }, high: { value: 5.1, unit: "mmol/L" } }],
    interpretation: [
      { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", code: "H" }] },
    ],
  },
  {
    ...base,
    id: "bp",
    category: category("vital-signs"),
    code: loinc("85354-9", "Blood pressure panel with all children optional"),
    component: [
      {
        code: loinc("8480-6", "Systolic blood pressure"),
        valueQuantity: { value: 152, unit: "mm[Hg]" },
        interpretation: [{ coding: [{ code: "H" }] }],
      },
      { code: loinc("8462-4", "Diastolic blood pressure"), valueQuantity: { value: 88, unit: "mm[Hg]" } },
    ],
  },
  {
    ...base,
    id: "culture",
    category: category("laboratory"),
    code: { text: "Blood culture" },
    valueString: "No growth at 5 days",
  },
  {
    ...base,
    id: "troponin",
    category: category("laboratory"),
    code: loinc("6598-7", "Troponin T"),
    valueQuantity: { value: 0.01, comparator: "<", unit: "ng/mL" },
  },
  {
    ...base,
    id: "smoking",
    category: category("social-history"),
    code: loinc("72166-2", "Tobacco smoking status"),
    valueCodeableConcept: { coding: [{ system: "http://snomed.info/sct", code: "8517006", display: "Ex-smoker" }] },
  },
];

let tmp: TempDir;
let events: EventRecord[];
const byProvenance = (p: string) => events.find((e) => e.provenance === p)!;

beforeAll(async () => {
  tmp = await TempDir.create();
  const result = await readAll([await tmp.json("observations.json", bundle("collection", resources))]);
  expect(result.rejections).toEqual([]);
  events = result.events;
});
afterAll(() => tmp.remove());

describe("Observation mapping", () => {
  it("a laboratory result: lab, value + unit, reference range, high flag", () => {
    expect(byProvenance("Observation/potassium")).toMatchObject({
      category: "lab",
      sourceTable: "Observation",
      patientExternalId: "p1",
      encounterExternalId: "e1",
      codeSystem: "LOINC",
      code: "2823-3",
      label: "Potassium",
      valueNum: 5.9,
      unit: "mmol/L",
      refLow: 3.5,
      refHigh: 5.1,
      flag: "high",
      attributes: { status: "final", interpretation: "H" },
    });
    expect(byProvenance("Observation/potassium").time.toISOString()).toBe("2022-03-04T15:30:00.000Z");
  });

  it("a blood-pressure panel becomes one vital event per component", () => {
    const bp = events.filter((e) => e.provenance.startsWith("Observation/bp"));
    expect(bp.map((e) => [e.provenance, e.category, e.code, e.label, e.valueNum, e.unit, e.flag])).toEqual([
      ["Observation/bp#0", "vital", "8480-6", "Systolic blood pressure", 152, "mm[Hg]", "high"],
      ["Observation/bp#1", "vital", "8462-4", "Diastolic blood pressure", 88, "mm[Hg]", null],
    ]);
    expect(bp[0].attributes).toMatchObject({
      panel: "Blood pressure panel with all children optional",
      panelCode: "85354-9",
    });
    expect(bp.every((e) => e.time.getTime() === Date.parse("2022-03-04T15:30:00Z"))).toBe(true);
  });

  it("text values, comparators and coded values", () => {
    expect(byProvenance("Observation/culture")).toMatchObject({
      category: "lab",
      label: "Blood culture",
      valueText: "No growth at 5 days",
      valueNum: null,
    });
    expect(byProvenance("Observation/troponin")).toMatchObject({
      valueNum: 0.01,
      unit: "ng/mL",
      attributes: { comparator: "<" },
    });
    expect(byProvenance("Observation/smoking")).toMatchObject({
      category: "observation",
      valueText: "Ex-smoker",
      attributes: { category: "social-history" },
    });
  });
});

describe("interpretationFlag", () => {
  it.each([
    ["H", "high"],
    ["HH", "high"],
    ["L", "low"],
    ["LL", "low"],
    ["A", "abnormal"],
    ["AA", "abnormal"],
    ["N", null],
    ["POS", null],
    [undefined, null],
  ])("%s → %s", (code, flag) => {
    expect(interpretationFlag(code)).toBe(flag);
  });
});
