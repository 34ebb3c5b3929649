// Patient → PatientRecord. Demographics stay modest: what a reviewer needs to read a timeline
// (race, ethnicity, birth sex, city/state, language, MRN). Direct identifiers the review does not
// need (SSN, driver's licence, passport, phone, street address) are deliberately not copied.
import type { PatientRecord } from "../import-record";
import { conceptText } from "./codes";
import { compact } from "./event";
import type { Extension, Patient } from "./schemas";

export function mapPatient(patient: Patient): PatientRecord {
  const address = patient.address?.find((a) => a.use === "home") ?? patient.address?.[0];
  const language = patient.communication?.find((c) => c.preferred) ?? patient.communication?.[0];
  const mrn = patient.identifier?.find((i) => i.type?.coding?.some((c) => c.code === "MR"))?.value;
  return {
    kind: "patient",
    externalId: patient.id,
    name: displayName(patient),
    gender: patient.gender ?? null,
    birthDate: patient.birthDate?.date ?? null,
    deathTime: patient.deceasedDateTime?.date ?? null,
    demographics: compact({
      race: usCoreCategory(patient.extension, "us-core-race"),
      ethnicity: usCoreCategory(patient.extension, "us-core-ethnicity"),
      birthSex: extension(patient.extension, "us-core-birthsex")?.valueCode,
      city: address?.city,
      state: address?.state,
      country: address?.country,
      language: conceptText(language?.language),
      maritalStatus: conceptText(patient.maritalStatus),
      mrn,
      // deceasedBoolean without a date: the fact is known, the time is not.
      deceased: patient.deceasedDateTime ? true : patient.deceasedBoolean,
    }),
  };
}

/** "Given Family" from the official name (else the first), or the name's text. */
function displayName(patient: Patient): string | null {
  const name = patient.name?.find((n) => n.use === "official") ?? patient.name?.[0];
  if (!name) return null;
  const parts = [...(name.given ?? []), name.family].filter((p): p is string => Boolean(p?.trim()));
  return parts.length ? parts.join(" ") : name.text?.trim() || null;
}

function extension(extensions: Extension[] | undefined, suffix: string): Extension | undefined {
  return extensions?.find((e) => e.url.endsWith(`/${suffix}`));
}

/** US Core race/ethnicity: the "text" sub-extension, else the OMB category's display. */
function usCoreCategory(extensions: Extension[] | undefined, suffix: string): string | undefined {
  const parts = extension(extensions, suffix)?.extension;
  const text = parts?.find((p) => p.url === "text")?.valueString;
  return text ?? parts?.find((p) => p.url === "ombCategory")?.valueCoding?.display;
}
