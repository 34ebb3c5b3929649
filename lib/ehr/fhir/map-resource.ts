// One resource → records: check it is FHIR, validate the fields we read (zod), map it, apply
// the --patients filter, and keep the registry up to date for the references that follow.
import { type ImportRecord, ImportError, type ReadContext } from "../import-record";
import { mapAllergy, mapCondition, mapImmunization, mapProcedure } from "./map-clinical";
import { type ImportState, type Location, MapContext, Rejected } from "./map-context";
import { mapEncounter } from "./map-encounter";
import { mapMedicationAdministration, mapMedicationRequest, mapMedicationStatement } from "./map-medication";
import { mapDiagnosticReport, mapDocumentReference } from "./map-notes";
import { mapObservation } from "./map-observation";
import { mapPatient } from "./map-patient";
import { isFhirResourceType } from "./resource-types";
import * as S from "./schemas";
import type { z } from "zod";

type Mapper<T> = { schema: z.ZodType<T>; map: (resource: T, ctx: MapContext) => ImportRecord | ImportRecord[] };

function mapper<T>(schema: z.ZodType<T>, map: Mapper<T>["map"]): Mapper<unknown> {
  return { schema, map } as Mapper<unknown>;
}

const MAPPERS: Record<string, Mapper<unknown>> = {
  Patient: mapper(S.Patient, mapPatient),
  Encounter: mapper(S.Encounter, mapEncounter),
  Condition: mapper(S.Condition, mapCondition),
  Procedure: mapper(S.Procedure, mapProcedure),
  Observation: mapper(S.Observation, mapObservation),
  MedicationRequest: mapper(S.MedicationRequest, mapMedicationRequest),
  MedicationAdministration: mapper(S.MedicationAdministration, mapMedicationAdministration),
  MedicationStatement: mapper(S.MedicationStatement, mapMedicationStatement),
  DiagnosticReport: mapper(S.DiagnosticReport, mapDiagnosticReport),
  DocumentReference: mapper(S.DocumentReference, mapDocumentReference),
  AllergyIntolerance: mapper(S.AllergyIntolerance, mapAllergy),
  Immunization: mapper(S.Immunization, mapImmunization),
  // Medication yields nothing itself: it names the drug of the requests that point at it.
  Medication: mapper(S.Medication, (medication, ctx) => {
    ctx.state.registry.medications.set(medication.id, medication.code);
    return [];
  }),
};

/** Throws ImportError when the JSON is not a FHIR R4 resource at all. */
export function assertFhirResource(
  value: unknown,
  file: string,
  line: number,
): asserts value is Record<string, unknown> & { resourceType: string } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ImportError("not FHIR: expected a JSON object with a resourceType", file, line);
  }
  const type = (value as Record<string, unknown>).resourceType;
  if (type === undefined) throw new ImportError("not FHIR: the JSON object has no resourceType", file, line);
  if (!isFhirResourceType(type)) {
    throw new ImportError(`not FHIR R4: unknown resourceType ${JSON.stringify(type)}`, file, line);
  }
}

/**
 * Maps one resource (not a Bundle). `resource.id` is already set from the fullUrl when the
 * Bundle entry had none.
 */
export function mapResource(
  resource: Record<string, unknown> & { resourceType: string },
  where: Omit<Location, "resource">,
  state: ImportState,
  context: ReadContext,
): ImportRecord[] {
  const type = resource.resourceType;
  const handler = MAPPERS[type];
  if (!handler) {
    state.skip(type);
    return [];
  }
  const id = typeof resource.id === "string" && resource.id ? resource.id : "(no id)";
  const location: Location = { ...where, resource: `${type}/${id}` };
  const reject = (reason: string) => {
    markRejected(state, type, id);
    context.reject({ file: where.file, line: where.line, reason: `${location.resource}: ${reason}` });
    return [];
  };

  const parsed = handler.schema.safeParse(resource);
  if (!parsed.success) return reject(S.describeIssues(parsed.error));
  let records: ImportRecord[];
  try {
    const mapped = handler.map(parsed.data, new MapContext(state, location));
    records = Array.isArray(mapped) ? mapped : [mapped];
  } catch (error) {
    if (error instanceof Rejected) return reject(error.message);
    throw error;
  }
  if (type === "Patient") state.registry.patients.set(id, "mapped");
  if (type === "Encounter") state.registry.encounters.set(id, "mapped");
  // Where it came from, so the writer can name the line of a row it refuses.
  const origin = { file: where.file, line: where.line };
  for (const record of records) record.origin = origin;
  return context.patients ? records.filter((r) => context.patients!.has(patientOf(r))) : records;
}

function markRejected(state: ImportState, type: string, id: string): void {
  if (type === "Patient") state.registry.patients.set(id, "rejected");
  if (type === "Encounter") state.registry.encounters.set(id, "rejected");
}

function patientOf(record: ImportRecord): string {
  if (record.kind === "patient") return record.externalId;
  if (record.kind === "concept") return "";
  return record.patientExternalId;
}
