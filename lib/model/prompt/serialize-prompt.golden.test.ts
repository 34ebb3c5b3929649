// GOLDEN tests: prompts compared byte for byte with text derived by hand from EHR-R1.md's
// sample and from the authors' serializer rules applied to real MIMIC-IV demo rows.
import { describe, expect, it } from "vitest";
import { requireTask } from "../tasks/task-catalog";
import { at, encounter, event, lab, patient } from "../testing/record-builder";
import { demoEvents, labItemLabels, readDemoTable } from "../testing/mimic-demo";
import { formatEventBlock } from "./format-event-block";
import { TABLE_SPECS } from "../mimic-tables";
import { serializePrompt } from "./serialize-prompt";

const LAB_INSTRUCTION =
  "Given the sequence of events that have occurred in a hospital, please give the next Labotary Test Events suggestion for the patients.";

describe("EHR-R1.md sample", () => {
  const inr = lab("2158-09-05 16:00:00", "INR(PT)", {
    valuenum: "1.2",
    ref_range_lower: "0.9",
    ref_range_upper: "1.1",
    flag: "abnormal",
  });
  const sodium = lab("2158-09-05 16:00:00", "Sodium", {
    valuenum: "130",
    valueuom: "mEq/L",
    ref_range_lower: "135",
    ref_range_upper: "147",
    flag: "abnormal",
    comments: "New reference range as of ___.",
  });

  it("prints the INR/Sodium table byte-identically", () => {
    expect(formatEventBlock(TABLE_SPECS.get("labevents")!, inr.time, [inr, sodium])).toBe(
      [
        "## Labotary Test Events [2158-09-05 16:00:00]",
        "| Item_Name | Valuenum | Valueuom | Ref_Range_Lower | Ref_Range_Upper | Flag | Comments |",
        "| ------ | ------ | ------ | ------ | ------ | ------ | ------ |",
        "| INR(PT) | 1.2 | nan | 0.9 | 1.1 | abnormal | nan |",
        "| Sodium | 130.0 | mEq/L | 135.0 | 147.0 | abnormal | New reference range as of ___. |",
      ].join("\n"),
    );
  });

  it("prints one row as `- Key: value` lines", () => {
    expect(formatEventBlock(TABLE_SPECS.get("labevents")!, sodium.time, [sodium])).toBe(
      [
        "## Labotary Test Events [2158-09-05 16:00:00]",
        "- Item_Name: Sodium",
        "- Valuenum: 130.0",
        "- Valueuom: mEq/L",
        "- Ref_Range_Lower: 135.0",
        "- Ref_Range_Upper: 147.0",
        "- Flag: abnormal",
        "- Comments: New reference range as of ___.",
      ].join("\n"),
    );
  });

  it("builds the whole prompt: demographics, previous discharge note, admission, window", () => {
    const previous = encounter({
      id: "a1",
      kind: "admission",
      start: "2158-07-10 08:00:00",
      end: "2158-07-17 14:00:00",
    });
    const current = encounter({
      id: "a2",
      kind: "admission",
      start: "2158-09-05 12:00:00",
      end: "2158-09-09 12:00:00",
      attributes: { admission_type: "EW EMER.", admission_location: "EMERGENCY ROOM", discharge_location: "HOME" },
    });
    const note = event({
      sourceTable: "discharge",
      category: "note",
      time: "2158-07-17 00:00:00",
      encounterId: "a1",
      label: "Discharge summary",
      attributes: { note_type: "DS", text: "Name: ___\nChief Complaint: fall" },
    });
    const later = lab("2158-09-06 09:00:00", "Potassium", { valuenum: "4" }, { encounterId: "a2" });
    const prompt = serializePrompt({
      patient: patient({ anchorAge: 91, gender: "M" }),
      encounters: [previous, current],
      events: [note, { ...inr, encounterId: "a2" }, { ...sodium, encounterId: "a2" }, later],
      task: requireTask("labevents"),
      cutoff: at("2158-09-06 09:00:00"),
      maxTokens: 32_000,
    });
    const expected = [
      "## Patient Demographics [None]",
      "- Anchor_Age: 91",
      "- Gender: M",
      "",
      "## Discharge [2158-07-17 00:00:00]",
      "- Note_Type: DS",
      "- Text: Name: ___",
      "Chief Complaint: fall",
      "",
      "## Admissions [2158-09-05 12:00:00]",
      "- Admission_Type: EW EMER.",
      "- Admission_Location: EMERGENCY ROOM",
      "- Admission_Info: None",
      "",
      "## Labotary Test Events [2158-09-05 16:00:00]",
      "| Item_Name | Valuenum | Valueuom | Ref_Range_Lower | Ref_Range_Upper | Flag | Comments |",
      "| ------ | ------ | ------ | ------ | ------ | ------ | ------ |",
      "| INR(PT) | 1.2 | nan | 0.9 | 1.1 | abnormal | nan |",
      "| Sodium | 130.0 | mEq/L | 135.0 | 147.0 | abnormal | New reference range as of ___. |",
      LAB_INSTRUCTION,
      "/think",
    ].join("\n");
    expect(prompt.text).toBe(expected);
    expect(prompt.messages).toEqual([
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: expected },
    ]);
    expect(prompt.dropped).toEqual({ count: 0, eventIds: [], blocks: 0, previousDischargeNote: false });
    expect(prompt.includedEventIds).toEqual([String(note.id), String(inr.id), String(sodium.id)]);
  });

  it("keeps an empty block in place when there is no previous discharge note", () => {
    const current = encounter({
      id: "a2",
      kind: "admission",
      start: "2158-09-05 12:00:00",
      attributes: { admission_type: "URGENT", admission_location: "" },
    });
    const prompt = serializePrompt({
      patient: patient({ anchorAge: 91, gender: "M" }),
      encounters: [current],
      events: [{ ...sodium, encounterId: "a2" }],
      task: requireTask("Inpatient_Mortality"),
      cutoff: at("2158-09-06 12:00:00"),
      maxTokens: 32_000,
    });
    expect(
      prompt.ehr.startsWith(
        "## Patient Demographics [None]\n- Anchor_Age: 91\n- Gender: M\n\n\n\n## Admissions [2158-09-05 12:00:00]\n- Admission_Type: URGENT\n- Admission_Location: nan\n- Admission_Info: None\n\n## Labotary Test Events",
      ),
    ).toBe(true);
    expect(
      prompt.text.endsWith(
        "\nGiven the sequence of events that have occurred in a hospital, please predict whether the patient will die during hospitalization.\n/no_think",
      ),
    ).toBe(true);
  });
});

describe("MIMIC-IV demo, subject 10000032, admission 22841357", () => {
  const labels = labItemLabels();
  const hadm = (r: Record<string, string>) => r.hadm_id === "22841357";
  const events = [
    ...demoEvents("transfers", hadm, {
      encounterId: "adm",
      label: (r) => r.careunit || r.eventtype,
      idBase: 1_000_000,
    }),
    ...demoEvents("services", hadm, { encounterId: "adm", label: (r) => r.curr_service, idBase: 2_000_000 }),
    ...demoEvents("microbiologyevents", hadm, { encounterId: "adm", label: (r) => r.test_name, idBase: 3_000_000 }),
    ...demoEvents("labevents", hadm, {
      encounterId: "adm",
      label: (r) => labels.get(r.itemid) ?? "",
      idBase: 4_000_000,
    }),
  ];
  const admissionRow = readDemoTable("hosp/admissions").find(hadm)!;
  const patientRow = readDemoTable("hosp/patients").find((r) => r.subject_id === "10000032")!;
  const encounters = [
    encounter({ id: "prev", kind: "admission", start: "2180-05-06 22:23:00", end: "2180-05-07 17:15:00" }),
    encounter({
      id: "adm",
      kind: "admission",
      start: admissionRow.admittime,
      end: admissionRow.dischtime,
      attributes: admissionRow,
    }),
  ];
  const record = {
    patient: patient({ anchorAge: Number(patientRow.anchor_age), gender: patientRow.gender }),
    encounters,
    events,
  };

  it("serializes the 24 h before the 05:10 labs exactly", () => {
    const prompt = serializePrompt({
      ...record,
      task: requireTask("labevents"),
      cutoff: at("2180-06-27 05:10:00"),
      maxTokens: 32_000,
    });
    const expected = [
      "## Patient Demographics [None]",
      "- Anchor_Age: 52",
      "- Gender: F",
      "",
      "",
      "",
      "## Admissions [2180-06-26 18:27:00]",
      "- Admission_Type: EW EMER.",
      "- Admission_Location: EMERGENCY ROOM",
      "- Admission_Info: None",
      "",
      "## Transfers [2180-06-26 15:54:00]",
      "- Eventtype: ED",
      "- Careunit: Emergency Department",
      "",
      "## Services [2180-06-26 18:28:08]",
      "- Curr_Service: MED",
      "",
      "## Transfers [2180-06-26 21:31:00]",
      "- Eventtype: admit",
      "- Careunit: Transplant",
      "",
      "## Microbiology Test Events [2180-06-26 22:39:00]",
      "- Test_Name: URINE CULTURE",
      "- Dilution_Text: nan",
      "- Interpretation: nan",
      "- Comments: MIXED BACTERIAL FLORA ( >= 3 COLONY TYPES), CONSISTENT WITH SKIN AND/OR GENITAL CONTAMINATION.  ",
      "- Ab_Name: nan",
      "",
      "## Labotary Test Events [2180-06-26 22:45:00]",
      "| Item_Name | Valuenum | Valueuom | Ref_Range_Lower | Ref_Range_Upper | Flag | Comments |",
      "| ------ | ------ | ------ | ------ | ------ | ------ | ------ |",
      "| Nitrite | nan | nan | nan | nan | nan | NEG. |",
      "| RBC | 1.0 | #/hpf | 0.0 | 2.0 | nan | nan |",
      "| Bilirubin | nan | mg/dL | nan | nan | nan | NEG. |",
      "| Specific Gravity | 1.023 |   | 1.001 | 1.035 | nan | nan |",
      "| Glucose | nan | mg/dL | nan | nan | nan | NEG. |",
      "| Transitional Epithelial Cells | nan | #/hpf | nan | nan | nan | <1. |",
      "| Epithelial Cells | 5.0 | #/hpf | nan | nan | nan | nan |",
      "| Bacteria | nan | nan | nan | nan | nan | FEW. |",
      "| Blood | nan | nan | nan | nan | nan | NEG. |",
      "| pH | 6.0 | units | 5.0 | 8.0 | nan | nan |",
      "| Urine Appearance | nan | nan | nan | nan | nan | Hazy. |",
      "| Yeast | nan | nan | nan | nan | nan | nan |",
      "| Leukocytes | nan | nan | nan | nan | nan | LG. |",
      "| Urine Color | nan | nan | nan | nan | nan | Yellow. |",
      "| Urobilinogen | nan | mg/dL | 0.2 | 1.0 | nan | NEG. |",
      "| Ketone | nan | mg/dL | nan | nan | nan | NEG. |",
      "| Urine Mucous | nan | nan | nan | nan | nan | OCC. |",
      "| Protein | nan | mg/dL | nan | nan | nan | TR. |",
      "| WBC | 13.0 | #/hpf | 0.0 | 5.0 | abnormal | nan |",
      "",
      "## Microbiology Test Events [2180-06-26 22:45:00]",
      "- Test_Name: R/O VANCOMYCIN RESISTANT ENTEROCOCCUS",
      "- Dilution_Text: nan",
      "- Interpretation: nan",
      "- Comments: No VRE isolated.  ",
      "- Ab_Name: nan",
      LAB_INSTRUCTION,
      "/think",
    ].join("\n");
    expect(prompt.text).toBe(expected);
  });

  it("reads the ground truth from the 05:10 labs, none of which reached the prompt", () => {
    const task = requireTask("labevents");
    const cutoff = at("2180-06-27 05:10:00");
    const truth = task.readGroundTruth({ ...record, cutoff });
    expect(truth.kind).toBe("items");
    if (truth.kind !== "items") return;
    expect(truth.items).toHaveLength(27);
    expect(truth.items).toContain("INR(PT)");
    expect(truth.items).toContain("Urea Nitrogen");
    const prompt = serializePrompt({ ...record, task, cutoff, maxTokens: 32_000 });
    expect(prompt.text).not.toContain("Urea Nitrogen");
    for (const id of truth.eventIds) expect(prompt.includedEventIds).not.toContain(id);
  });
});
