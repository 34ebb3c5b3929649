// The FHIR R4 (4.0.1) resource types. A resourceType outside this list means the input is not
// FHIR R4 (or not FHIR at all): that stops the import, where a known type we do not map is
// only skipped and counted.
const R4_RESOURCE_TYPES = `Account ActivityDefinition AdverseEvent AllergyIntolerance Appointment
AppointmentResponse AuditEvent Basic Binary BiologicallyDerivedProduct BodyStructure Bundle
CapabilityStatement CarePlan CareTeam CatalogEntry ChargeItem ChargeItemDefinition Claim
ClaimResponse ClinicalImpression CodeSystem Communication CommunicationRequest
CompartmentDefinition Composition ConceptMap Condition Consent Contract Coverage
CoverageEligibilityRequest CoverageEligibilityResponse DetectedIssue Device DeviceDefinition
DeviceMetric DeviceRequest DeviceUseStatement DiagnosticReport DocumentManifest
DocumentReference EffectEvidenceSynthesis Encounter Endpoint EnrollmentRequest
EnrollmentResponse EpisodeOfCare EventDefinition Evidence EvidenceVariable ExampleScenario
ExplanationOfBenefit FamilyMemberHistory Flag Goal GraphDefinition Group GuidanceResponse
HealthcareService ImagingStudy Immunization ImmunizationEvaluation ImmunizationRecommendation
ImplementationGuide InsurancePlan Invoice Library Linkage List Location Measure MeasureReport
Media Medication MedicationAdministration MedicationDispense MedicationKnowledge
MedicationRequest MedicationStatement MedicinalProduct MedicinalProductAuthorization
MedicinalProductContraindication MedicinalProductIndication MedicinalProductIngredient
MedicinalProductInteraction MedicinalProductManufactured MedicinalProductPackaged
MedicinalProductPharmaceutical MedicinalProductUndesirableEffect MessageDefinition
MessageHeader MolecularSequence NamingSystem NutritionOrder Observation ObservationDefinition
OperationDefinition OperationOutcome Organization OrganizationAffiliation Parameters Patient
PaymentNotice PaymentReconciliation Person PlanDefinition Practitioner PractitionerRole
Procedure Provenance Questionnaire QuestionnaireResponse RelatedPerson RequestGroup
ResearchDefinition ResearchElementDefinition ResearchStudy ResearchSubject RiskAssessment
RiskEvidenceSynthesis Schedule SearchParameter ServiceRequest Slot Specimen
SpecimenDefinition StructureDefinition StructureMap Subscription Substance
SubstanceNucleicAcid SubstancePolymer SubstanceProtein SubstanceReferenceInformation
SubstanceSourceMaterial SubstanceSpecification SupplyDelivery SupplyRequest Task
TerminologyCapabilities TestReport TestScript ValueSet VerificationResult VisionPrescription`;

const KNOWN = new Set(R4_RESOURCE_TYPES.split(/\s+/));

export function isFhirResourceType(type: unknown): type is string {
  return typeof type === "string" && KNOWN.has(type);
}

/**
 * The order resources are processed in, within a Bundle and across NDJSON files: what others
 * point at comes first, so a Patient is always yielded before its encounters and events (the
 * writer can rely on it) and a reference can be checked the moment it is met. DocumentReference
 * precedes DiagnosticReport so a report that only repeats a note can be recognised (see notes.ts).
 */
const RANK: Record<string, number> = { Patient: 0, Encounter: 1, Medication: 2, Bundle: 3, DocumentReference: 4 };
export const LAST_RANK = 5;

export function processingRank(type: string | undefined): number {
  return type !== undefined && Object.hasOwn(RANK, type) ? RANK[type] : LAST_RANK;
}
