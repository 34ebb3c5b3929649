// zod schemas for the parts of FHIR R4 this reader maps. Lenient on purpose: unknown fields
// pass through untouched (looseObject), a single object where FHIR wants an array is
// accepted, and only the fields we read are checked. A field we read that has the wrong type
// or an impossible date makes the resource malformed: it is rejected (file:line, reason),
// never half-mapped.
import { z } from "zod";
import { parseFhirTime } from "./time";

/** FHIR repeats elements as arrays; some producers write one object. Accept both. */
function list<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) => (v === undefined || v === null || Array.isArray(v) ? (v ?? undefined) : [v]),
    z.array(item),
  );
}

const str = z.string().optional();

/** date, dateTime or instant → { date, precision }. */
export const Time = z.string().transform((text, ctx) => {
  const parsed = parseFhirTime(text);
  if (!parsed) {
    ctx.addIssue({ code: "custom", message: `not a FHIR date/dateTime: "${text}"` });
    return z.NEVER;
  }
  return parsed;
});

export const Coding = z.looseObject({ system: str, code: str, display: str });
export type Coding = z.infer<typeof Coding>;

export const CodeableConcept = z.looseObject({ coding: list(Coding).optional(), text: str });
export type CodeableConcept = z.infer<typeof CodeableConcept>;

export const Reference = z.looseObject({ reference: str, display: str });
export type Reference = z.infer<typeof Reference>;

export const Quantity = z.looseObject({
  value: z.number().optional(),
  comparator: str,
  unit: str,
  system: str,
  code: str,
});
export type Quantity = z.infer<typeof Quantity>;

export const Period = z.looseObject({ start: Time.optional(), end: Time.optional() });
export type Period = z.infer<typeof Period>;

const Range = z.looseObject({ low: Quantity.optional(), high: Quantity.optional() });
const Ratio = z.looseObject({ numerator: Quantity.optional(), denominator: Quantity.optional() });
const Annotation = z.looseObject({ text: str });
const Identifier = z.looseObject({ system: str, value: str, type: CodeableConcept.optional() });

export const Attachment = z.looseObject({ contentType: str, data: str, url: str, title: str });
export type Attachment = z.infer<typeof Attachment>;

export type Extension = {
  url: string;
  valueString?: string;
  valueCode?: string;
  valueCoding?: Coding;
  extension?: Extension[];
  [key: string]: unknown;
};
export const Extension: z.ZodType<Extension> = z.looseObject({
  url: z.string(),
  valueString: str,
  valueCode: str,
  valueCoding: Coding.optional(),
  get extension() {
    return list(Extension).optional();
  },
});

const Dosage = z.looseObject({
  text: str,
  route: CodeableConcept.optional(),
  doseAndRate: list(z.looseObject({ doseQuantity: Quantity.optional() })).optional(),
});
export type Dosage = z.infer<typeof Dosage>;

/** Every mapped resource has a type and an id (in a Bundle, taken from a urn:uuid fullUrl when absent). */
function resource<T extends z.core.$ZodLooseShape>(type: string, shape: T) {
  return z.looseObject({ resourceType: z.literal(type), id: z.string().min(1), ...shape });
}

export const Patient = resource("Patient", {
  name: list(z.looseObject({ use: str, text: str, family: str, given: list(z.string()).optional() })).optional(),
  gender: str,
  birthDate: Time.optional(),
  deceasedDateTime: Time.optional(),
  deceasedBoolean: z.boolean().optional(),
  address: list(z.looseObject({ use: str, city: str, state: str, postalCode: str, country: str })).optional(),
  communication: list(z.looseObject({ language: CodeableConcept, preferred: z.boolean().optional() })).optional(),
  identifier: list(Identifier).optional(),
  maritalStatus: CodeableConcept.optional(),
  extension: list(Extension).optional(),
});
export type Patient = z.infer<typeof Patient>;

export const Encounter = resource("Encounter", {
  status: str,
  // R4 has one Coding; R5 a list of CodeableConcepts. Accept both.
  class: z.union([Coding, list(CodeableConcept)]).optional(),
  type: list(CodeableConcept).optional(),
  reasonCode: list(CodeableConcept).optional(),
  subject: Reference.optional(),
  period: Period.optional(),
  serviceProvider: Reference.optional(),
  partOf: Reference.optional(),
  hospitalization: z
    .looseObject({ admitSource: CodeableConcept.optional(), dischargeDisposition: CodeableConcept.optional() })
    .optional(),
});
export type Encounter = z.infer<typeof Encounter>;

export const Condition = resource("Condition", {
  clinicalStatus: CodeableConcept.optional(),
  verificationStatus: CodeableConcept.optional(),
  category: list(CodeableConcept).optional(),
  severity: CodeableConcept.optional(),
  code: CodeableConcept.optional(),
  subject: Reference.optional(),
  encounter: Reference.optional(),
  onsetDateTime: Time.optional(),
  onsetPeriod: Period.optional(),
  recordedDate: Time.optional(),
  abatementDateTime: Time.optional(),
  abatementPeriod: Period.optional(),
});
export type Condition = z.infer<typeof Condition>;

export const Procedure = resource("Procedure", {
  status: str,
  category: CodeableConcept.optional(),
  code: CodeableConcept.optional(),
  subject: Reference.optional(),
  encounter: Reference.optional(),
  performedDateTime: Time.optional(),
  performedPeriod: Period.optional(),
  reasonCode: list(CodeableConcept).optional(),
  reasonReference: list(Reference).optional(),
  bodySite: list(CodeableConcept).optional(),
});
export type Procedure = z.infer<typeof Procedure>;

const ReferenceRange = z.looseObject({ low: Quantity.optional(), high: Quantity.optional(), text: str });

/** Observation.value[x] and the fields a component shares with its parent. */
const observationValue = {
  valueQuantity: Quantity.optional(),
  valueCodeableConcept: CodeableConcept.optional(),
  valueString: str,
  valueBoolean: z.boolean().optional(),
  valueInteger: z.number().int().optional(),
  valueRange: Range.optional(),
  valueRatio: Ratio.optional(),
  valueDateTime: str,
  valueTime: str,
  dataAbsentReason: CodeableConcept.optional(),
  interpretation: list(CodeableConcept).optional(),
  referenceRange: list(ReferenceRange).optional(),
};

export const ObservationComponent = z.looseObject({ code: CodeableConcept.optional(), ...observationValue });
export type ObservationComponent = z.infer<typeof ObservationComponent>;

export const Observation = resource("Observation", {
  status: str,
  category: list(CodeableConcept).optional(),
  code: CodeableConcept.optional(),
  subject: Reference.optional(),
  encounter: Reference.optional(),
  effectiveDateTime: Time.optional(),
  effectivePeriod: Period.optional(),
  effectiveInstant: Time.optional(),
  issued: Time.optional(),
  note: list(Annotation).optional(),
  component: list(ObservationComponent).optional(),
  ...observationValue,
});
export type Observation = z.infer<typeof Observation>;

const medication = {
  medicationCodeableConcept: CodeableConcept.optional(),
  medicationReference: Reference.optional(),
  subject: Reference.optional(),
  reasonCode: list(CodeableConcept).optional(),
  // Only to resolve "#id" medication references; validated when used.
  contained: z.array(z.unknown()).optional(),
};

export const MedicationRequest = resource("MedicationRequest", {
  ...medication,
  status: str,
  intent: str,
  encounter: Reference.optional(),
  authoredOn: Time.optional(),
  category: list(CodeableConcept).optional(),
  dosageInstruction: list(Dosage).optional(),
});
export type MedicationRequest = z.infer<typeof MedicationRequest>;

export const MedicationAdministration = resource("MedicationAdministration", {
  ...medication,
  status: str,
  context: Reference.optional(),
  effectiveDateTime: Time.optional(),
  effectivePeriod: Period.optional(),
  dosage: z
    .looseObject({
      text: str,
      route: CodeableConcept.optional(),
      dose: Quantity.optional(),
      rateQuantity: Quantity.optional(),
    })
    .optional(),
});
export type MedicationAdministration = z.infer<typeof MedicationAdministration>;

export const MedicationStatement = resource("MedicationStatement", {
  ...medication,
  status: str,
  context: Reference.optional(),
  effectiveDateTime: Time.optional(),
  effectivePeriod: Period.optional(),
  dateAsserted: Time.optional(),
  dosage: list(Dosage).optional(),
});
export type MedicationStatement = z.infer<typeof MedicationStatement>;

export const Medication = resource("Medication", { code: CodeableConcept.optional() });
export type Medication = z.infer<typeof Medication>;

export const DiagnosticReport = resource("DiagnosticReport", {
  status: str,
  category: list(CodeableConcept).optional(),
  code: CodeableConcept.optional(),
  subject: Reference.optional(),
  encounter: Reference.optional(),
  effectiveDateTime: Time.optional(),
  effectivePeriod: Period.optional(),
  issued: Time.optional(),
  result: list(Reference).optional(),
  conclusion: str,
  conclusionCode: list(CodeableConcept).optional(),
  presentedForm: list(Attachment).optional(),
});
export type DiagnosticReport = z.infer<typeof DiagnosticReport>;

export const DocumentReference = resource("DocumentReference", {
  status: str,
  docStatus: str,
  type: CodeableConcept.optional(),
  category: list(CodeableConcept).optional(),
  subject: Reference.optional(),
  date: Time.optional(),
  description: str,
  identifier: list(Identifier).optional(),
  content: list(z.looseObject({ attachment: Attachment })).optional(),
  context: z
    .looseObject({
      encounter: list(Reference).optional(),
      period: Period.optional(),
      related: list(Reference).optional(),
    })
    .optional(),
});
export type DocumentReference = z.infer<typeof DocumentReference>;

export const AllergyIntolerance = resource("AllergyIntolerance", {
  clinicalStatus: CodeableConcept.optional(),
  verificationStatus: CodeableConcept.optional(),
  type: str,
  category: list(z.string()).optional(),
  criticality: str,
  code: CodeableConcept.optional(),
  patient: Reference.optional(),
  encounter: Reference.optional(),
  onsetDateTime: Time.optional(),
  onsetPeriod: Period.optional(),
  recordedDate: Time.optional(),
  lastOccurrence: Time.optional(),
  reaction: list(z.looseObject({ manifestation: list(CodeableConcept).optional(), severity: str })).optional(),
});
export type AllergyIntolerance = z.infer<typeof AllergyIntolerance>;

export const Immunization = resource("Immunization", {
  status: str,
  statusReason: CodeableConcept.optional(),
  vaccineCode: CodeableConcept.optional(),
  patient: Reference.optional(),
  encounter: Reference.optional(),
  occurrenceDateTime: Time.optional(),
  occurrenceString: str,
  recorded: Time.optional(),
  lotNumber: str,
  site: CodeableConcept.optional(),
  route: CodeableConcept.optional(),
  doseQuantity: Quantity.optional(),
  protocolApplied: list(
    z.looseObject({ series: str, doseNumberPositiveInt: z.number().optional(), doseNumberString: str }),
  ).optional(),
});
export type Immunization = z.infer<typeof Immunization>;

/** The first problems of a failed parse, as one line for a rejection report. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
    return `${path.replace(/^\./, "") || "(resource)"}: ${issue.message}`;
  });
  const more = error.issues.length - limit;
  return parts.join("; ") + (more > 0 ? ` (and ${more} more)` : "");
}
