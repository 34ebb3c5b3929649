// MedicationRequest, MedicationAdministration, MedicationStatement → one medication event each.
// The drug is medicationCodeableConcept, or the Medication that medicationReference names
// (contained, in the Bundle, or read from an earlier file: Medication files are read first).
import type { EventRecord } from "../import-record";
import { conceptText, conceptsText } from "./codes";
import { type EventValue, firstTime, toEvent } from "./event";
import { type MapContext, Rejected } from "./map-context";
import type {
  CodeableConcept,
  Dosage,
  MedicationAdministration,
  MedicationRequest,
  MedicationStatement,
  Quantity,
  Reference,
} from "./schemas";

type MedicationFields = {
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  contained?: unknown[];
};

function drug(resource: MedicationFields, ctx: MapContext): CodeableConcept {
  if (resource.medicationCodeableConcept) return resource.medicationCodeableConcept;
  const ref = resource.medicationReference;
  if (!ref) throw new Rejected("no medicationCodeableConcept or medicationReference");
  const resolved = ctx.medication(ref, resource.contained);
  if (resolved) return resolved;
  // Not one of the clinical references that must resolve: the display is enough to name it.
  if (ref.display) return { text: ref.display };
  throw new Rejected(`medicationReference "${ref.reference ?? ""}" is not in the input and has no display`);
}

function dose(quantity: Quantity | undefined): EventValue {
  return {
    valueNum: quantity?.value ?? null,
    unit: quantity ? (quantity.unit ?? quantity.code ?? null) : null,
  };
}

function dosageText(dosages: Dosage[] | undefined): string | undefined {
  const texts = (dosages ?? []).map((d) => d.text?.trim()).filter(Boolean);
  return texts.length ? texts.join("; ") : undefined;
}

/** The dose only when there is exactly one: several dosage lines have no single value. */
function singleDose(dosages: Dosage[] | undefined): EventValue {
  return dose(dosages?.length === 1 ? dosages[0].doseAndRate?.[0]?.doseQuantity : undefined);
}

export function mapMedicationRequest(request: MedicationRequest, ctx: MapContext): EventRecord {
  return toEvent(
    {
      resource: request,
      patientExternalId: ctx.patient(request.subject, "subject"),
      encounterExternalId: ctx.encounter(request.encounter, "encounter"),
      category: "medication",
      concept: drug(request, ctx),
      time: firstTime({ authoredOn: request.authoredOn }),
      attributes: {
        status: request.status,
        intent: request.intent,
        category: conceptsText(request.category),
        dosage: dosageText(request.dosageInstruction),
        route: conceptText(request.dosageInstruction?.[0]?.route),
        reason: conceptsText(request.reasonCode),
      },
    },
    singleDose(request.dosageInstruction),
  );
}

export function mapMedicationAdministration(administration: MedicationAdministration, ctx: MapContext): EventRecord {
  const dosage = administration.dosage;
  return toEvent(
    {
      resource: administration,
      patientExternalId: ctx.patient(administration.subject, "subject"),
      // R4 names the encounter "context".
      encounterExternalId: ctx.encounter(administration.context, "context"),
      category: "medication",
      concept: drug(administration, ctx),
      time: firstTime({
        effectiveDateTime: administration.effectiveDateTime,
        "effectivePeriod.start": administration.effectivePeriod?.start,
      }),
      endTime: administration.effectivePeriod?.end,
      attributes: {
        status: administration.status,
        dosage: dosage?.text,
        route: conceptText(dosage?.route),
        rate:
          dosage?.rateQuantity?.value !== undefined
            ? `${dosage.rateQuantity.value} ${dosage.rateQuantity.unit ?? ""}`.trim()
            : undefined,
        reason: conceptsText(administration.reasonCode),
      },
    },
    dose(dosage?.dose),
  );
}

export function mapMedicationStatement(statement: MedicationStatement, ctx: MapContext): EventRecord {
  return toEvent(
    {
      resource: statement,
      patientExternalId: ctx.patient(statement.subject, "subject"),
      encounterExternalId: ctx.encounter(statement.context, "context"),
      category: "medication",
      concept: drug(statement, ctx),
      time: firstTime({
        effectiveDateTime: statement.effectiveDateTime,
        "effectivePeriod.start": statement.effectivePeriod?.start,
        dateAsserted: statement.dateAsserted,
      }),
      endTime: statement.effectivePeriod?.end,
      attributes: {
        status: statement.status,
        dosage: dosageText(statement.dosage),
        route: conceptText(statement.dosage?.[0]?.route),
        reason: conceptsText(statement.reasonCode),
      },
    },
    singleDose(statement.dosage),
  );
}
