// What the record viewer receives about a patient (JSON-safe), and how a blind review hides
// what happened after the cut-off: later admissions, discharges, death, record totals.
import type { EncounterKind, EventCategory } from "../../generated/prisma/enums";
import type { Extent } from "./get-patient-extent";
import type { PatientDetail } from "./get-patient";

export type EncounterSummary = {
  id: string;
  kind: EncounterKind;
  externalId: string;
  parentId: string | null;
  start: string;
  end: string | null;
  /** admission_type for admissions, the care unit for ICU stays. */
  label: string;
  /** Where from and where to, when the source says. */
  detail: string | null;
};

export type PatientSummary = {
  id: string;
  source: string;
  externalId: string;
  name: string | null;
  gender: string | null;
  anchorAge: number | null;
  anchorYear: number | null;
  birthDate: string | null;
  deathTime: string | null;
  encounters: EncounterSummary[];
  extent: Extent | null;
  /** Null when hidden (the totals would reveal what came after the cut-off). */
  eventCount: number | null;
  categoryCounts: Partial<Record<EventCategory, number>> | null;
};

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

const after = (time: string | null, cutoff: string) => time !== null && Date.parse(time) > Date.parse(cutoff);

/**
 * Blind review: nothing that happened after the cut-off. Encounters that started later are
 * dropped, ends after it become "still open", the extent stops at the cut-off.
 */
export function redactAfterCutoff(patient: PatientSummary, cutoff: string): PatientSummary {
  const extent =
    patient.extent && !after(patient.extent.start, cutoff)
      ? { start: patient.extent.start, end: after(patient.extent.end, cutoff) ? cutoff : patient.extent.end }
      : null;
  return {
    ...patient,
    deathTime: after(patient.deathTime, cutoff) ? null : patient.deathTime,
    encounters: patient.encounters
      .filter((encounter) => !after(encounter.start, cutoff))
      .map((encounter) =>
        after(encounter.end, cutoff)
          ? { ...encounter, end: null, detail: encounter.kind === "admission" ? null : encounter.detail }
          : encounter,
      ),
    extent,
    eventCount: null,
    categoryCounts: null,
  };
}
