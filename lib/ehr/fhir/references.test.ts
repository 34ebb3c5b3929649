import { describe, expect, it } from "vitest";
import { shortSystem } from "./codes";
import { BundleIndex, entryId, parseReference, resolveTarget } from "./references";

describe("parseReference", () => {
  it.each([
    ["Patient/123", { kind: "literal", url: null, target: { type: "Patient", id: "123" } }],
    [
      "https://fhir.example.org/r4/Patient/abc-1/_history/2",
      {
        kind: "literal",
        url: "https://fhir.example.org/r4/Patient/abc-1/_history/2",
        target: { type: "Patient", id: "abc-1" },
      },
    ],
    ["urn:uuid:0b8a", { kind: "literal", url: "urn:uuid:0b8a", target: null }],
    ["#med1", { kind: "contained", id: "med1" }],
    [
      "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999986389",
      { kind: "conditional", type: "Practitioner" },
    ],
  ])("%s", (reference, parsed) => {
    expect(parseReference(reference)).toEqual(parsed);
  });

  it("resolves urn:uuid through the Bundle, falls back to Type/id", () => {
    const index = new BundleIndex();
    index.add("urn:uuid:0b8a", { type: "Patient", id: "p1" });
    expect(resolveTarget(parseReference("urn:uuid:0b8a"), index)).toEqual({ type: "Patient", id: "p1" });
    expect(resolveTarget(parseReference("urn:uuid:other"), index)).toBeNull();
    expect(resolveTarget(parseReference("Encounter/e1"), index)).toEqual({ type: "Encounter", id: "e1" });
  });

  it("takes an entry's id from its fullUrl when the resource has none", () => {
    expect(entryId(undefined, "urn:uuid:abc")).toBe("abc");
    expect(entryId(undefined, "https://x/fhir/Patient/AAA1234")).toBe("AAA1234");
    expect(entryId("own", "urn:uuid:abc")).toBe("own");
    expect(entryId(undefined, undefined)).toBeNull();
  });
});

describe("shortSystem", () => {
  it.each([
    ["http://loinc.org", "LOINC"],
    ["http://snomed.info/sct", "SNOMED"],
    ["http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM"],
    ["http://hl7.org/fhir/sid/icd-10", "ICD-10"],
    ["http://www.nlm.nih.gov/research/umls/rxnorm", "RxNorm"],
    ["http://hl7.org/fhir/sid/cvx", "CVX"],
    ["urn:oid:2.16.840.1.113883.6.1", "LOINC"],
    ["http://example.org/local", "http://example.org/local"],
    [undefined, null],
  ])("%s → %s", (system, short) => {
    expect(shortSystem(system)).toBe(short);
  });
});
