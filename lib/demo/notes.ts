// Synthetic note text in the shape of MIMIC-IV-Note's discharge summaries and radiology
// reports: de-identified spans as "___", section headings, several lines, commas and quotes
// (so the files exercise CSV quoting). Written from the scenario and the generated values.
import { type Drug, LAB_ITEMS, type Scenario } from "./catalog";

const LAB_LABELS = new Map(LAB_ITEMS.map((item) => [item.itemid, item]));

export type DischargeNoteInput = {
  scenario: Scenario;
  age: number;
  gender: "F" | "M";
  dies: boolean;
  days: number;
  labs: Map<number, number>;
  medications: Drug[];
  diagnosisTitles: string[];
  disposition: string;
};

function pronoun(gender: "F" | "M") {
  return gender === "F"
    ? { title: "Ms.", noun: "woman", subject: "She" }
    : { title: "Mr.", noun: "man", subject: "He" };
}

function notableLabs(labs: Map<number, number>, scenario: Scenario): string {
  const shown = Object.keys(scenario.labShift)
    .map(Number)
    .filter((itemid) => labs.has(itemid))
    .slice(0, 4)
    .map((itemid) => {
      const item = LAB_LABELS.get(itemid)!;
      return `${item.label.toLowerCase()} ${labs.get(itemid)!.toFixed(item.decimals)}${item.unit ? ` ${item.unit}` : ""}`;
    });
  return shown.length > 0 ? shown.join(", ") : "unremarkable";
}

export function dischargeSummary(input: DischargeNoteInput): string {
  const p = pronoun(input.gender);
  const [primary, ...secondary] = input.diagnosisTitles;
  const medications = input.dies
    ? ["None"]
    : input.medications.map(
        (drug, i) =>
          `${i + 1}. ${drug.drug} ${drug.dose} ${drug.unit} ${drug.route} ${drug.perDay === 1 ? "daily" : `${drug.perDay} times daily`}`,
      );
  const outcome = input.dies
    ? `Despite maximal therapy ${p.subject.toLowerCase()} continued to decline. After a family meeting the goals of care were changed to comfort measures, and ${p.subject.toLowerCase()} expired on hospital day ${input.days}.`
    : `${p.subject} improved steadily and was discharged on hospital day ${input.days}, reporting "feeling much better."`;
  return [
    " ",
    "Name:  ___                     Unit No:   ___",
    " ",
    "Admission Date:  ___              Discharge Date:   ___",
    " ",
    `Date of Birth:  ___             Sex:   ${input.gender}`,
    " ",
    `Service: ${input.scenario.service === "CMED" ? "CARDIOLOGY" : "MEDICINE"}`,
    " ",
    "Allergies: ",
    "No Known Allergies / Adverse Drug Reactions",
    " ",
    "Chief Complaint:",
    input.scenario.chiefComplaint,
    " ",
    "History of Present Illness:",
    `${p.title} ___ is a ${input.age} year old ${p.noun} who presented to the Emergency Department with ${input.scenario.chiefComplaint.toLowerCase()}.`,
    " ",
    "Pertinent Results:",
    `Admission labs notable for ${notableLabs(input.labs, input.scenario)}.`,
    " ",
    "Brief Hospital Course:",
    `${p.title} ___ was ${input.scenario.course}. ${outcome}`,
    " ",
    "Discharge Medications:",
    ...medications,
    " ",
    "Discharge Disposition:",
    input.dies
      ? "Expired"
      : input.disposition === "HOME"
        ? "Home"
        : input.disposition === "HOME HEALTH CARE"
          ? "Home With Service"
          : "Extended Care",
    " ",
    "Discharge Diagnosis:",
    `Primary: ${primary}`,
    ...(secondary.length > 0 ? [`Secondary: ${secondary.join("; ")}`] : []),
    " ",
    input.dies ? "" : "Followup Instructions:\n___",
  ].join("\n");
}

export function radiologyReport(scenario: Scenario, age: number, gender: "F" | "M"): string {
  const imaging = scenario.imaging!;
  return [
    `EXAMINATION:  ${imaging.exam}`,
    "",
    `INDICATION:  ${age} year old ${gender === "F" ? "woman" : "man"} with ${scenario.chiefComplaint.toLowerCase()}, evaluate for acute process.`,
    "",
    "COMPARISON:  ___",
    "",
    "FINDINGS: ",
    "",
    imaging.finding,
    "",
    "IMPRESSION: ",
    "",
    imaging.finding,
  ].join("\n");
}
