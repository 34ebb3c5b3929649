// FHIR references: what a reference string names, and the import-wide registry that answers
// "is that Patient/Encounter/Medication in the input?".
//
// Forms handled (FHIR R4 §2.36 "Resolving references in Bundles"):
//   urn:uuid:… / urn:oid:…        → the Bundle entry with that fullUrl
//   Patient/123                   → the resource of that type and id (this Bundle or any file read before)
//   https://host/fhir/Patient/123 → the entry with that fullUrl, else Patient/123 as above
//   #med1                         → a contained resource
//   Practitioner?identifier=…     → a conditional reference (a search): never resolved here.
// Synthea points at Practitioner/Organization/Location with conditional references; we never
// follow those fields, so they cost nothing. Only subject/patient/encounter and
// medicationReference are followed.
import type { CodeableConcept } from "./schemas";

export type Target = { type: string; id: string };

export type ParsedReference =
  | { kind: "contained"; id: string }
  | { kind: "conditional"; type: string | null }
  /** A literal reference: url is set for urn: and absolute forms, target when it ends in Type/id. */
  | { kind: "literal"; url: string | null; target: Target | null };

const TYPE_ID = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

export function parseReference(reference: string): ParsedReference {
  if (reference.startsWith("#")) return { kind: "contained", id: reference.slice(1) };
  const query = reference.indexOf("?");
  if (query >= 0) {
    const type = /([A-Z][A-Za-z]+)$/.exec(reference.slice(0, query))?.[1] ?? null;
    return { kind: "conditional", type };
  }
  const isUrl = reference.startsWith("urn:") || reference.includes("://");
  const match = TYPE_ID.exec(reference);
  return {
    kind: "literal",
    url: isUrl ? reference : null,
    target: match ? { type: match[1], id: match[2] } : null,
  };
}

/** The id a Bundle entry's resource is known by: its id, else the uuid of a urn:uuid fullUrl. */
export function entryId(resourceId: unknown, fullUrl: string | undefined): string | null {
  if (typeof resourceId === "string" && resourceId) return resourceId;
  if (!fullUrl) return null;
  if (fullUrl.startsWith("urn:uuid:")) return fullUrl.slice("urn:uuid:".length);
  const parsed = parseReference(fullUrl);
  return parsed.kind === "literal" ? (parsed.target?.id ?? null) : null;
}

/** One Bundle's entries by fullUrl, to resolve urn:uuid and absolute references. */
export class BundleIndex {
  private readonly byUrl = new Map<string, Target>();

  add(fullUrl: string | undefined, target: Target): void {
    if (fullUrl && !this.byUrl.has(fullUrl)) this.byUrl.set(fullUrl, target);
  }

  get(url: string): Target | undefined {
    return this.byUrl.get(url);
  }
}

type Status = "mapped" | "rejected";

/**
 * What the import has read so far, across files. Kept small on purpose (ids and a status, a
 * medication's code) so a bulk export of millions of resources fits in memory. Patients and
 * encounters outside the --patients filter are registered too: references to them are valid.
 */
export class Registry {
  readonly patients = new Map<string, Status>();
  readonly encounters = new Map<string, Status>();
  readonly medications = new Map<string, CodeableConcept | undefined>();

  status(target: Target): Status | undefined {
    if (target.type === "Patient") return this.patients.get(target.id);
    if (target.type === "Encounter") return this.encounters.get(target.id);
    if (target.type === "Medication") return this.medications.has(target.id) ? "mapped" : undefined;
    return undefined;
  }
}

/**
 * Where a literal reference points: the Bundle entry with that fullUrl, else the Type/id it
 * ends with. Null when it names neither (a bare urn:uuid that is not in this Bundle).
 */
export function resolveTarget(reference: ParsedReference, bundle: BundleIndex | null): Target | null {
  if (reference.kind !== "literal") return null;
  if (reference.url) {
    const entry = bundle?.get(reference.url);
    if (entry) return entry;
  }
  return reference.target;
}
