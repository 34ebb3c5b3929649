// Observation → events. One event per Observation, or, when it has components (blood
// pressure: systolic + diastolic), one per component, each with its own code, value, range and
// flag, so the timeline and the prompt show "Systolic blood pressure 120 mm[Hg]" rather than a
// panel with no value.
import type { EventRecord } from "../import-record";
import type { EventCategory } from "../../generated/prisma/enums";
import { conceptCodes, conceptText, conceptsText, firstCoding } from "./codes";
import { type EventValue, firstTime, toEvent } from "./event";
import type { MapContext } from "./map-context";
import type { CodeableConcept, Observation, ObservationComponent } from "./schemas";

export function mapObservation(observation: Observation, ctx: MapContext): EventRecord[] {
  const patientExternalId = ctx.patient(observation.subject, "subject");
  const encounterExternalId = ctx.encounter(observation.encounter, "encounter");
  const time = firstTime({
    effectiveDateTime: observation.effectiveDateTime,
    "effectivePeriod.start": observation.effectivePeriod?.start,
    effectiveInstant: observation.effectiveInstant,
    issued: observation.issued,
  });
  const category = observationCategory(observation);
  const attributes = {
    status: observation.status,
    category: conceptsText(observation.category),
    note: observation.note
      ?.map((n) => n.text)
      .filter(Boolean)
      .join("\n"),
  };
  const event = (
    concept: CodeableConcept | undefined,
    valued: Valued,
    extra: Record<string, unknown>,
    suffix?: string,
  ) =>
    toEvent(
      {
        resource: observation,
        patientExternalId,
        encounterExternalId,
        category,
        concept,
        time,
        endTime: observation.effectivePeriod?.end,
        attributes: valueAttributes(valued, extra),
        provenanceSuffix: suffix,
      },
      value(valued),
    );
  const components = observation.component ?? [];
  const events: EventRecord[] = [];
  // The parent carries its own value only when it has one or has nothing else to show.
  if (components.length === 0 || hasValue(observation)) events.push(event(observation.code, observation, attributes));
  const panel = { ...attributes, panel: conceptText(observation.code), panelCode: firstCoding(observation.code)?.code };
  components.forEach((component, i) => events.push(event(component.code, component, panel, `#${i}`)));
  return events;
}

/** laboratory → lab, vital-signs → vital, anything else (survey, exam, social-history…) → observation. */
export function observationCategory(observation: Observation): EventCategory {
  const codes = conceptCodes(observation.category);
  if (codes.includes("laboratory")) return "lab";
  if (codes.includes("vital-signs")) return "vital";
  return "observation";
}

type Valued = Observation | ObservationComponent;

function hasValue(o: Valued): boolean {
  return (
    o.valueQuantity !== undefined ||
    o.valueCodeableConcept !== undefined ||
    o.valueString !== undefined ||
    o.valueBoolean !== undefined ||
    o.valueInteger !== undefined ||
    o.valueRange !== undefined ||
    o.valueRatio !== undefined ||
    o.valueDateTime !== undefined ||
    o.valueTime !== undefined
  );
}

/** value[x], reference range and interpretation of an Observation or one component. */
function value(o: Valued): EventValue {
  const range = o.referenceRange?.[0];
  const quantity = o.valueQuantity;
  return {
    valueNum: quantity?.value ?? o.valueInteger ?? null,
    unit: quantity ? (quantity.unit ?? quantity.code ?? null) : null,
    valueText: valueText(o),
    refLow: range?.low?.value ?? null,
    refHigh: range?.high?.value ?? null,
    flag: interpretationFlag(interpretationCode(o)),
  };
}

/** `base` plus what qualifies the value. (One spread then assignments: a second spread is slow in V8.) */
function valueAttributes(o: Valued, base: Record<string, unknown>): Record<string, unknown> {
  const attributes = { ...base };
  // "<5" must not read as 5.
  attributes.comparator = o.valueQuantity?.comparator;
  attributes.interpretation = interpretationCode(o) ?? conceptText(o.interpretation?.[0]);
  attributes.referenceRange = o.referenceRange?.[0]?.text;
  attributes.dataAbsentReason = conceptText(o.dataAbsentReason);
  return attributes;
}

function interpretationCode(o: Valued): string | undefined {
  return o.interpretation?.[0]?.coding?.[0]?.code;
}

function valueText(o: Valued): string | null {
  if (o.valueCodeableConcept) return conceptText(o.valueCodeableConcept) ?? null;
  if (o.valueString !== undefined) return o.valueString;
  if (o.valueBoolean !== undefined) return String(o.valueBoolean);
  if (o.valueDateTime !== undefined) return o.valueDateTime;
  if (o.valueTime !== undefined) return o.valueTime;
  if (o.valueRange) return `${quantityText(o.valueRange.low)}–${quantityText(o.valueRange.high)}`;
  if (o.valueRatio) return `${quantityText(o.valueRatio.numerator)}/${quantityText(o.valueRatio.denominator)}`;
  return null;
}

function quantityText(q: { value?: number; unit?: string; comparator?: string } | undefined): string {
  if (q?.value === undefined) return "?";
  return `${q.comparator ?? ""}${q.value}${q.unit ? ` ${q.unit}` : ""}`;
}

// v3 ObservationInterpretation → the event's flag vocabulary (shared with MIMIC-IV's "abnormal").
// Severity (HH, LL) stays in attributes.interpretation; normal (N) has no flag.
const FLAGS: Record<string, string> = {
  H: "high",
  HH: "high",
  HU: "high",
  HX: "high",
  ">": "high",
  L: "low",
  LL: "low",
  LU: "low",
  LX: "low",
  "<": "low",
  A: "abnormal",
  AA: "abnormal",
  CR: "abnormal",
  RR: "abnormal",
};
// Not flagged on purpose: POS/DET/R/S/W… — whether "positive" or "resistant" is abnormal depends
// on the test; the code stays in attributes.interpretation for the reader.

export function interpretationFlag(code: string | undefined): string | null {
  return code ? (FLAGS[code.toUpperCase()] ?? null) : null;
}
