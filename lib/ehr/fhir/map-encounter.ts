// Encounter → EncounterRecord. The kind comes from Encounter.class (v3 ActCode in R4).
import type { EncounterRecord } from "../import-record";
import type { EncounterKind } from "../../generated/prisma/enums";
import { conceptText, conceptsText } from "./codes";
import { compact } from "./event";
import { type MapContext, Rejected } from "./map-context";
import { parseReference, resolveTarget } from "./references";
import type { Encounter } from "./schemas";

const KINDS: Record<string, EncounterKind> = {
  IMP: "admission",
  ACUTE: "admission",
  NONAC: "admission",
  INPATIENT: "admission",
  EMER: "ed_stay",
  EMERGENCY: "ed_stay",
  AMB: "ambulatory",
  AMBULATORY: "ambulatory",
};

export function mapEncounter(encounter: Encounter, ctx: MapContext): EncounterRecord {
  const start = encounter.period?.start;
  if (!start) throw new Rejected("no period.start");
  const klass = classCodes(encounter.class);
  const parent = encounter.partOf?.reference
    ? resolveTarget(parseReference(encounter.partOf.reference), ctx.location.bundle)
    : null;
  return {
    kind: "encounter",
    patientExternalId: ctx.patient(encounter.subject, "subject"),
    externalId: encounter.id,
    encounterKind: klass.map((c) => KINDS[c.toUpperCase()]).find(Boolean) ?? "other",
    start: start.date,
    end: encounter.period?.end?.date ?? null,
    provenance: `Encounter/${encounter.id}`,
    attributes: compact({
      class: klass.join(", "),
      type: conceptsText(encounter.type),
      reason: conceptsText(encounter.reasonCode),
      status: encounter.status,
      serviceProvider: encounter.serviceProvider?.display,
      admitSource: conceptText(encounter.hospitalization?.admitSource),
      dischargeDisposition: conceptText(encounter.hospitalization?.dischargeDisposition),
      // Kept as an attribute, not parentExternalId: the parent may come later in the input.
      partOf: parent?.type === "Encounter" ? parent.id : undefined,
    }),
  };
}

function classCodes(klass: Encounter["class"]): string[] {
  if (!klass) return [];
  const codings = Array.isArray(klass) ? klass.flatMap((c) => c.coding ?? []) : [klass];
  return codings.map((c) => c.code).filter((c): c is string => Boolean(c));
}
