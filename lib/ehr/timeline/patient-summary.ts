// What the record viewer receives about a patient (JSON-safe), and how a blind review hides
// what happened after the cut-off: later admissions, discharges, death, record totals.
import type { EncounterKind, EventCategory } from "../../generated/prisma/enums";

/** The span of a patient's record, first event or encounter start to the last end. */
export type Extent = { start: string; end: string };

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
