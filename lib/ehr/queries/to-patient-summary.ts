// A patient as read from the database, turned into what the record viewer receives
// (lib/ehr/timeline/patient-summary.ts): JSON-safe times, encounters labelled from their source attributes.
import type { PatientDetail } from "./get-patient";
import type { EncounterSummary, PatientSummary } from "../timeline/patient-summary";

function text(attributes: unknown, key: string): string | null {
  const value = (attributes as Record<string, unknown> | null)?.[key];
  return typeof value === "string" && value.trim() ? value : null;
}

function describe(encounter: PatientDetail["encounters"][number]): Pick<EncounterSummary, "label" | "detail"> {
  const a = encounter.attributes;
  if (encounter.kind === "icu_stay") {
    const first = text(a, "first_careunit");
    const last = text(a, "last_careunit");
    return { label: first ?? "ICU stay", detail: last && last !== first ? `→ ${last}` : null };
  }
  const from = text(a, "admission_location");
  const to = text(a, "discharge_location");
  return {
    label: text(a, "admission_type") ?? encounter.kind.replace("_", " "),
    detail: from || to ? `${from ?? "?"} → ${to ?? "?"}` : null,
  };
}

export function toPatientSummary(patient: PatientDetail): PatientSummary {
  return {
    id: patient.id,
    source: patient.source,
    externalId: patient.externalId,
    name: patient.name,
    gender: patient.gender,
    anchorAge: patient.anchorAge,
    anchorYear: patient.anchorYear,
    birthDate: patient.birthDate?.toISOString() ?? null,
    deathTime: patient.deathTime?.toISOString() ?? null,
    encounters: patient.encounters.map((encounter) => ({
      id: encounter.id,
      kind: encounter.kind,
      externalId: encounter.externalId,
      parentId: encounter.parentId,
      start: encounter.start.toISOString(),
      end: encounter.end?.toISOString() ?? null,
      ...describe(encounter),
    })),
    extent: patient.extent,
    eventCount: patient.eventCount,
    categoryCounts: patient.categoryCounts,
  };
}
