// The parts every FHIR event shares: who, when, what (label and code), where it came from.
import type { EventRecord } from "../import-record";
import type { EventCategory } from "../../generated/prisma/enums";
import { conceptText, firstCoding, shortSystem } from "./codes";
import { Rejected } from "./map-context";
import type { CodeableConcept } from "./schemas";
import type { FhirTime } from "./time";

export type EventFields = {
  resource: { resourceType: string; id: string };
  patientExternalId: string;
  encounterExternalId: string | null;
  category: EventCategory;
  concept: CodeableConcept | undefined;
  time: FhirTime;
  endTime?: FhirTime | null;
  attributes?: Record<string, unknown>;
  /** "#0" for an Observation component: provenance must stay unique per patient. */
  provenanceSuffix?: string;
};

export type EventValue = Partial<Pick<EventRecord, "valueNum" | "unit" | "valueText" | "refLow" | "refHigh" | "flag">>;

export function toEvent(fields: EventFields, value: EventValue = {}): EventRecord {
  const { resource, concept, time } = fields;
  // The producer's primary code is its first coding.
  const coding = firstCoding(concept);
  const attributes = compact(fields.attributes ?? {});
  // A partial FHIR date ("2015") stands for the whole period: say so rather than let
  // 2015-01-01T00:00Z pass for a known instant.
  if (time.precision !== "time") attributes.timePrecision = time.precision;
  // One fixed shape for every event, built without object spreads (V8 copies all but the first
  // spread property by property): this runs once per resource of a bulk export.
  return {
    kind: "event",
    patientExternalId: fields.patientExternalId,
    encounterExternalId: fields.encounterExternalId,
    time: time.date,
    endTime: fields.endTime?.date ?? null,
    category: fields.category,
    sourceTable: resource.resourceType,
    codeSystem: shortSystem(coding?.system),
    code: coding?.code ?? null,
    label: conceptText(concept) ?? resource.resourceType,
    valueNum: value.valueNum ?? null,
    unit: value.unit ?? null,
    valueText: value.valueText ?? null,
    refLow: value.refLow ?? null,
    refHigh: value.refHigh ?? null,
    flag: value.flag ?? null,
    attributes,
    provenance: `${resource.resourceType}/${resource.id}${fields.provenanceSuffix ?? ""}`,
  };
}

/** The first time present, in the order the caller prefers; a resource without one is refused. */
export function firstTime(candidates: Record<string, FhirTime | undefined>): FhirTime {
  for (const time of Object.values(candidates)) if (time) return time;
  throw new Rejected(`no time (none of ${Object.keys(candidates).join(", ")})`);
}

/** Drops undefined, null and empty values so attributes stay small and readable. */
export function compact(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}
