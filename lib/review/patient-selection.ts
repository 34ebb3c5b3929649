// The queue form's chosen patients: added from searches (one or all matching), removed one
// by one, each once, in the order chosen, at most as many as a queue selection takes.
export type ChosenPatient = { id: string; externalId: string; name: string | null };

/** QueueSelection.patientIds' maximum (create-queue.types.ts). */
export const MAX_QUEUE_PATIENTS = 2_000;

/** `chosen` then those of `more` not in it yet, cut at MAX_QUEUE_PATIENTS; `dropped` counts the cut. */
export function addPatients(
  chosen: readonly ChosenPatient[],
  more: readonly ChosenPatient[],
): { chosen: ChosenPatient[]; dropped: number } {
  const held = new Set(chosen.map((patient) => patient.id));
  const added = more.filter((patient) => !held.has(patient.id) && held.add(patient.id));
  const room = Math.max(0, MAX_QUEUE_PATIENTS - chosen.length);
  return { chosen: [...chosen, ...added.slice(0, room)], dropped: Math.max(0, added.length - room) };
}

export function removePatient(chosen: readonly ChosenPatient[], id: string): ChosenPatient[] {
  return chosen.filter((patient) => patient.id !== id);
}

/** How a patient is named on a chip or a result: the record's id, then the name if any. */
export function patientLabel(patient: ChosenPatient): string {
  return patient.name ? `${patient.externalId} · ${patient.name}` : patient.externalId;
}
