// Condition, Procedure, AllergyIntolerance, Immunization → one event each.
import type { EventRecord } from "../import-record";
import { conceptText, conceptsText } from "./codes";
import { firstTime, toEvent } from "./event";
import type { MapContext } from "./map-context";
import type { AllergyIntolerance, Condition, Immunization, Procedure } from "./schemas";

export function mapCondition(condition: Condition, ctx: MapContext): EventRecord {
  return toEvent({
    resource: condition,
    patientExternalId: ctx.patient(condition.subject, "subject"),
    encounterExternalId: ctx.encounter(condition.encounter, "encounter"),
    category: "diagnosis",
    concept: condition.code,
    // Onset is when it began; recordedDate (when it was written down) is the fallback.
    time: firstTime({
      onsetDateTime: condition.onsetDateTime,
      "onsetPeriod.start": condition.onsetPeriod?.start,
      recordedDate: condition.recordedDate,
    }),
    endTime: condition.abatementDateTime ?? condition.abatementPeriod?.start ?? condition.onsetPeriod?.end,
    attributes: {
      clinicalStatus: conceptText(condition.clinicalStatus),
      verificationStatus: conceptText(condition.verificationStatus),
      category: conceptsText(condition.category),
      severity: conceptText(condition.severity),
      recordedDate: condition.recordedDate?.date.toISOString(),
    },
  });
}

export function mapProcedure(procedure: Procedure, ctx: MapContext): EventRecord {
  return toEvent({
    resource: procedure,
    patientExternalId: ctx.patient(procedure.subject, "subject"),
    encounterExternalId: ctx.encounter(procedure.encounter, "encounter"),
    category: "procedure",
    concept: procedure.code,
    time: firstTime({
      performedDateTime: procedure.performedDateTime,
      "performedPeriod.start": procedure.performedPeriod?.start,
    }),
    endTime: procedure.performedPeriod?.end,
    attributes: {
      status: procedure.status,
      category: conceptText(procedure.category),
      reason:
        conceptsText(procedure.reasonCode) ??
        procedure.reasonReference
          ?.map((r) => r.display)
          .filter(Boolean)
          .join("; "),
      bodySite: conceptsText(procedure.bodySite),
    },
  });
}

export function mapAllergy(allergy: AllergyIntolerance, ctx: MapContext): EventRecord {
  return toEvent({
    resource: allergy,
    patientExternalId: ctx.patient(allergy.patient, "patient"),
    encounterExternalId: ctx.encounter(allergy.encounter, "encounter"),
    category: "allergy",
    concept: allergy.code,
    time: firstTime({
      onsetDateTime: allergy.onsetDateTime,
      "onsetPeriod.start": allergy.onsetPeriod?.start,
      recordedDate: allergy.recordedDate,
      lastOccurrence: allergy.lastOccurrence,
    }),
    attributes: {
      clinicalStatus: conceptText(allergy.clinicalStatus),
      verificationStatus: conceptText(allergy.verificationStatus),
      type: allergy.type,
      category: allergy.category?.join(", "),
      criticality: allergy.criticality,
      reaction: allergy.reaction
        ?.map((r) => [conceptsText(r.manifestation), r.severity && `(${r.severity})`].filter(Boolean).join(" "))
        .filter(Boolean)
        .join("; "),
    },
  });
}

export function mapImmunization(immunization: Immunization, ctx: MapContext): EventRecord {
  const dose = immunization.protocolApplied?.[0];
  return toEvent(
    {
      resource: immunization,
      patientExternalId: ctx.patient(immunization.patient, "patient"),
      encounterExternalId: ctx.encounter(immunization.encounter, "encounter"),
      category: "immunization",
      concept: immunization.vaccineCode,
      time: firstTime({ occurrenceDateTime: immunization.occurrenceDateTime, recorded: immunization.recorded }),
      attributes: {
        status: immunization.status,
        // A "not-done" immunization is a fact worth keeping, with its reason.
        statusReason: conceptText(immunization.statusReason),
        route: conceptText(immunization.route),
        site: conceptText(immunization.site),
        lotNumber: immunization.lotNumber,
        series: dose?.series,
        doseNumber: dose?.doseNumberPositiveInt ?? dose?.doseNumberString,
      },
    },
    {
      valueNum: immunization.doseQuantity?.value,
      unit: immunization.doseQuantity?.unit ?? immunization.doseQuantity?.code,
    },
  );
}
