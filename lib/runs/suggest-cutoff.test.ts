import { describe, expect, it } from "vitest";
import { requireTask } from "../model/tasks/task-catalog";
import { at, encounter } from "../model/testing/record-builder";
import { suggestCutoff } from "./suggest-cutoff";

const admission = encounter({ id: "a1", kind: "admission", start: "2150-01-01 08:00:00", end: "2150-01-05 08:00:00" });
const icu = encounter({
  id: "i1",
  kind: "icu_stay",
  parentId: "a1",
  start: "2150-01-02 00:00:00",
  end: "2150-01-04 00:00:00",
});
const encounters = [admission, icu];

describe("suggestCutoff", () => {
  it("cuts a decision task at the first target event a day in, else at its last", () => {
    const times = [
      { table: "labevents", firstAfterDay: at("2150-01-02 09:00:00"), last: at("2150-01-04 09:00:00") },
      { table: "prescriptions", firstAfterDay: null, last: at("2150-01-01 12:00:00") },
    ];
    expect(suggestCutoff(requireTask("labevents"), admission, encounters, times)).toEqual(at("2150-01-02 09:00:00"));
    expect(suggestCutoff(requireTask("prescriptions"), admission, encounters, times)).toEqual(
      at("2150-01-01 12:00:00"),
    );
    // Nothing of the table: a day into the admission.
    expect(suggestCutoff(requireTask("emar"), admission, encounters, times)).toEqual(at("2150-01-02 08:00:00"));
    expect(suggestCutoff(requireTask("admissions"), admission, encounters, times)).toEqual(admission.start);
  });

  it("follows the risk tasks' own rules, and says null when the admission lacks the stay", () => {
    expect(suggestCutoff(requireTask("Inpatient_Mortality"), admission, encounters, [])).toEqual(
      at("2150-01-02 08:00:00"),
    );
    expect(suggestCutoff(requireTask("Readmission_30day"), admission, encounters, [])).toEqual(admission.end);
    expect(suggestCutoff(requireTask("ICU_Mortality_1day"), admission, encounters, [])).toEqual(
      at("2150-01-03 00:00:00"),
    );
    expect(suggestCutoff(requireTask("ICU_Mortality_1day"), admission, [admission], [])).toBeNull();
    expect(suggestCutoff(requireTask("ED_Hospitalization"), admission, encounters, [])).toBeNull();
  });
});
