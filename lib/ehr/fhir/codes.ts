// Code systems and CodeableConcepts. The event table stores a short system name so the
// timeline, the prompt serializer and the MIMIC-IV importer speak the same vocabulary
// ("LOINC", "ICD-10-CM"), whatever URI or OID the FHIR producer used.
import type { CodeableConcept, Coding } from "./schemas";

const SYSTEMS: Record<string, string> = {
  "http://loinc.org": "LOINC",
  "urn:oid:2.16.840.1.113883.6.1": "LOINC",
  "http://snomed.info/sct": "SNOMED",
  "urn:oid:2.16.840.1.113883.6.96": "SNOMED",
  "http://hl7.org/fhir/sid/icd-10-cm": "ICD-10-CM",
  "urn:oid:2.16.840.1.113883.6.90": "ICD-10-CM",
  // WHO ICD-10 is not ICD-10-CM (the CM codes extend it): keep them apart.
  "http://hl7.org/fhir/sid/icd-10": "ICD-10",
  "urn:oid:2.16.840.1.113883.6.3": "ICD-10",
  "http://hl7.org/fhir/sid/icd-9-cm": "ICD-9-CM",
  "urn:oid:2.16.840.1.113883.6.103": "ICD-9-CM",
  "http://www.cms.gov/Medicare/Coding/ICD10": "ICD-10-PCS",
  "http://www.nlm.nih.gov/research/umls/rxnorm": "RxNorm",
  "urn:oid:2.16.840.1.113883.6.88": "RxNorm",
  "http://hl7.org/fhir/sid/cvx": "CVX",
  "urn:oid:2.16.840.1.113883.12.292": "CVX",
  "http://hl7.org/fhir/sid/ndc": "NDC",
  "urn:oid:2.16.840.1.113883.6.69": "NDC",
  "http://www.ama-assn.org/go/cpt": "CPT",
  "urn:oid:2.16.840.1.113883.6.12": "CPT",
  "http://www.whocc.no/atc": "ATC",
  "http://unitsofmeasure.org": "UCUM",
};

/** The short name of a well-known code system, else the URI as given. */
export function shortSystem(system: string | undefined | null): string | null {
  if (!system) return null;
  return SYSTEMS[system] ?? SYSTEMS[system.replace(/\/$/, "")] ?? system;
}

export function firstCoding(concept: CodeableConcept | undefined): Coding | undefined {
  return concept?.coding?.[0];
}

/** Human text of a concept: its text, else the first display among its codings, else a code. */
export function conceptText(concept: CodeableConcept | undefined): string | undefined {
  if (!concept) return undefined;
  const coding = concept.coding?.find((c) => c.display) ?? concept.coding?.[0];
  return nonEmpty(concept.text) ?? nonEmpty(coding?.display) ?? nonEmpty(coding?.code);
}

/** Texts of several concepts (categories, reasons), joined; undefined when there are none. */
export function conceptsText(concepts: CodeableConcept[] | undefined): string | undefined {
  const texts = (concepts ?? []).map(conceptText).filter((t): t is string => Boolean(t));
  return texts.length ? [...new Set(texts)].join("; ") : undefined;
}

/** Every coding's code across concepts, to test membership (e.g. Observation.category). */
export function conceptCodes(concepts: CodeableConcept[] | undefined): string[] {
  return (concepts ?? []).flatMap((c) => (c.coding ?? []).map((x) => x.code ?? "")).filter(Boolean);
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}
