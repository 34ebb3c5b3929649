// Where the tests find the real EHR files written by others (the official MIMIC-IV demo,
// Synthea and HL7 FHIR bundles): beside the project in ../shared/ehr-samples, as the workplace
// lays them out, or wherever EHR_SAMPLES_DIR says. They are read in place, never copied into
// the repo; `npm test` stops at once, saying so, when they are not there.
import path from "node:path";

export const EHR_SAMPLES_DIR = path.resolve(process.env.EHR_SAMPLES_DIR ?? "../shared/ehr-samples");

/** A file or folder among the samples, e.g. samplePath("fhir", "synthea"). */
export const samplePath = (...parts: string[]) => path.join(EHR_SAMPLES_DIR, ...parts);

/** The EHR-R1 authors' reference prompts (../shared/ehr-r1-reference), beside the samples. */
export const EHR_R1_REFERENCE_DIR = path.resolve(
  process.env.EHR_R1_REFERENCE_DIR ?? path.join(EHR_SAMPLES_DIR, "..", "ehr-r1-reference"),
);
