// The patient's record summary for the review page, redacted at the cut-off on the server:
// later encounters, the death time and the record's totals never reach the browser, so the
// embedded timeline (hideAfterCutoff) cannot leak them even to a reviewer reading the page's
// data rather than its pixels.
import { getPatient } from "../ehr/queries/get-patient";
import { redactAfterCutoff, type PatientSummary } from "../ehr/timeline/patient-summary";
import { toPatientSummary } from "../ehr/queries/to-patient-summary";

export async function getReviewRecord(patientId: string, cutoff: string): Promise<PatientSummary> {
  return redactAfterCutoff(toPatientSummary(await getPatient(patientId)), cutoff);
}
