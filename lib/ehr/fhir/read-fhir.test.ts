// The FHIR reader on the real sample files (../shared/ehr-samples, read in place, never copied):
// 14 Synthea R4 transaction bundles + the shared hospital/practitioner batch bundles, and two
// HL7 IPS document bundles. Expected values are computed from the files with JSON.parse.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { samplePath } from "../../../test/ehr-samples";
import type { EncounterRecord, ImportRecord, PatientRecord } from "../import-record";
import { type ReadResult, readAll } from "./test-support";

const SYNTHEA = samplePath("fhir", "synthea");
const IPS = samplePath("fhir", "hl7-ips");

// Fixtures are explored ad hoc (entry.resource.code.coding[0]…): typing FHIR here would add nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const load = (file: string): Json => JSON.parse(readFileSync(file, "utf8"));
const resources = (bundle: Json): Json[] => bundle.entry.map((e: Json) => e.resource);
const ofType = (bundle: Json, type: string) => resources(bundle).filter((r) => r.resourceType === type);

const syntheaFiles = readdirSync(SYNTHEA).filter((f) => f.endsWith(".json"));
const patientFiles = syntheaFiles.filter((f) => !/^(hospital|practitioner)Information/.test(f));

describe("Synthea bundles", () => {
  let result: ReadResult;
  const bundles = new Map<string, Json>();
  const all = () => [...bundles.values()];
  const count = (type: string) => all().reduce((n, b) => n + ofType(b, type).length, 0);

  beforeAll(async () => {
    for (const f of syntheaFiles) bundles.set(f, load(path.join(SYNTHEA, f)));
    result = await readAll([SYNTHEA]);
  });

  it("reads every file without a rejection", () => {
    expect(patientFiles).toHaveLength(14);
    expect(result.rejections).toEqual([]);
    const last = result.progress.at(-1)!;
    expect(last[0]).toBe(last[1]);
  });

  it("maps a known patient: name, gender, birth date, demographics", () => {
    const patient = result.records.find(
      (r): r is PatientRecord => r.kind === "patient" && r.externalId === "3d195286-ce77-f5b3-b64f-3eacfb9c273e",
    )!;
    expect(patient.name).toBe("Assunta351 Dickens475");
    expect(patient.gender).toBe("female");
    expect(patient.birthDate?.toISOString()).toBe("1993-05-02T00:00:00.000Z");
    expect(patient.deathTime).toBeNull();
    expect(patient.demographics).toMatchObject({
      race: "White",
      ethnicity: "Not Hispanic or Latino",
      birthSex: "F",
      state: "MA",
    });
    expect(patient.demographics).not.toHaveProperty("ssn");
    expect(JSON.stringify(patient.demographics)).not.toMatch(/999-\d\d-\d{4}/); // no SSN copied
  });

  it("yields one patient per file, matching its Patient resource, before its events", () => {
    for (const file of patientFiles) {
      const [source] = ofType(bundles.get(file)!, "Patient");
      const index = result.records.findIndex((r) => r.kind === "patient" && r.externalId === source.id);
      const record = result.records[index] as PatientRecord;
      expect(record.name).toBe(`${source.name[0].given.join(" ")} ${source.name[0].family}`);
      expect(record.birthDate?.toISOString().slice(0, 10)).toBe(source.birthDate);
      const firstEvent = result.records.findIndex(
        (r) => (r.kind === "encounter" || r.kind === "event") && r.patientExternalId === source.id,
      );
      expect(firstEvent).toBeGreaterThan(index);
    }
  });

  it("yields as many events of each mapped type as the file has resources, per patient", () => {
    for (const file of patientFiles) {
      const b = bundles.get(file)!;
      const patientId = ofType(b, "Patient")[0].id;
      const mine = result.events.filter((e) => e.patientExternalId === patientId);
      const bySource = (type: string) => mine.filter((e) => e.sourceTable === type).length;
      for (const type of ["Condition", "Procedure", "Immunization", "MedicationRequest", "DocumentReference"]) {
        expect(bySource(type), `${file} ${type}`).toBe(ofType(b, type).length);
      }
      // No Synthea Observation here has components: one event each.
      expect(ofType(b, "Observation").some((o) => o.component)).toBe(false);
      expect(bySource("Observation"), file).toBe(ofType(b, "Observation").length);
      const encounters = result.records.filter((r) => r.kind === "encounter" && r.patientExternalId === patientId);
      expect(encounters, file).toHaveLength(ofType(b, "Encounter").length);
    }
  });

  it("maps Conditions with their code and onset", () => {
    for (const condition of all().flatMap((b) => ofType(b, "Condition"))) {
      const event = result.events.find((e) => e.provenance === `Condition/${condition.id}`)!;
      expect(event.category).toBe("diagnosis");
      expect(event.codeSystem).toBe("SNOMED");
      expect(event.code).toBe(condition.code.coding[0].code);
      expect(event.label).toBe(condition.code.text);
      expect(event.time.getTime()).toBe(Date.parse(condition.onsetDateTime));
      expect(event.encounterExternalId).toBe(condition.encounter.reference.replace("urn:uuid:", ""));
    }
  });

  it("maps an Observation's valueQuantity to valueNum + unit", () => {
    const source = all()
      .flatMap((b) => ofType(b, "Observation"))
      .find((o) => o.valueQuantity?.unit)!;
    const event = result.events.find((e) => e.provenance === `Observation/${source.id}`)!;
    expect(event.valueNum).toBe(source.valueQuantity.value);
    expect(event.unit).toBe(source.valueQuantity.unit);
    expect(event.codeSystem).toBe("LOINC");
    expect(event.label).toBe(source.code.text);
    // Synthea's categories here are survey/exam only: not lab, not vital.
    expect(event.category).toBe("observation");
  });

  it("maps an Observation's valueCodeableConcept to valueText", () => {
    const source = all()
      .flatMap((b) => ofType(b, "Observation"))
      .find((o) => o.valueCodeableConcept)!;
    const event = result.events.find((e) => e.provenance === `Observation/${source.id}`)!;
    expect(event.valueText).toBe(source.valueCodeableConcept.text);
    expect(event.valueNum).toBeNull();
  });

  it("decodes DocumentReference notes to text and keeps each Synthea note once", () => {
    const source = ofType(bundles.get(patientFiles[0])!, "DocumentReference")[0];
    const event = result.events.find((e) => e.provenance === `DocumentReference/${source.id}`)!;
    const text = Buffer.from(source.content[0].attachment.data, "base64").toString("utf8").trim();
    expect(event.category).toBe("note");
    expect(event.valueText).toBe(text);
    expect(event.valueText).toContain("# Chief Complaint");
    expect(event.label).toBe("History and physical note");
    expect(event.time.getTime()).toBe(Date.parse(source.date));
    // The DiagnosticReport carrying the same text is not a second note.
    expect(result.events.filter((e) => e.sourceTable === "DiagnosticReport")).toHaveLength(0);
    expect(result.skipped.get("DiagnosticReport (same note as a DocumentReference)")).toBe(count("DiagnosticReport"));
  });

  it("maps encounter class to kind, with type and period", () => {
    const encounters = result.records.filter((r): r is EncounterRecord => r.kind === "encounter");
    const sources = all().flatMap((b) => ofType(b, "Encounter"));
    const kind: Record<string, string> = { AMB: "ambulatory", EMER: "ed_stay", IMP: "admission" };
    for (const source of sources) {
      const record = encounters.find((e) => e.externalId === source.id)!;
      expect(record.encounterKind).toBe(kind[source.class.code] ?? "other");
      expect(record.start.getTime()).toBe(Date.parse(source.period.start));
      expect(record.attributes?.type).toBe(source.type[0].text);
    }
    expect(new Set(encounters.map((e) => e.encounterKind)).size).toBeGreaterThan(1);
  });

  it("maps MedicationRequests with RxNorm codes and Immunizations with CVX codes", () => {
    const request = all().flatMap((b) => ofType(b, "MedicationRequest"))[0];
    const event = result.events.find((e) => e.provenance === `MedicationRequest/${request.id}`)!;
    expect(event).toMatchObject({
      category: "medication",
      codeSystem: "RxNorm",
      code: request.medicationCodeableConcept.coding[0].code,
    });
    expect(event.time.getTime()).toBe(Date.parse(request.authoredOn));
    const vaccine = result.events.find((e) => e.sourceTable === "Immunization")!;
    expect(vaccine.category).toBe("immunization");
    expect(vaccine.codeSystem).toBe("CVX");
  });

  it("skips and counts the resource types it does not map", () => {
    for (const type of [
      "Claim",
      "ExplanationOfBenefit",
      "Provenance",
      "Device",
      "Organization",
      "Location",
      "Practitioner",
      "PractitionerRole",
    ]) {
      expect(result.skipped.get(type), type).toBe(count(type));
    }
  });

  it("keeps only the requested patients", async () => {
    const id = "3d195286-ce77-f5b3-b64f-3eacfb9c273e";
    const patientOf = (r: ImportRecord) =>
      r.kind === "patient" ? r.externalId : r.kind === "concept" ? "" : r.patientExternalId;
    const filtered = await readAll([SYNTHEA], { patients: new Set([id]) });
    expect(new Set(filtered.records.map(patientOf))).toEqual(new Set([id]));
    expect(filtered.records).toHaveLength(result.records.filter((r) => patientOf(r) === id).length);
  });
});

describe("HL7 IPS document bundles", () => {
  it("maps the minimal IPS: patient, problem, medication via Medication reference, allergy", async () => {
    const file = path.join(IPS, "Bundle-IPS-examples-Bundle-minimal.json");
    const result = await readAll([file]);
    expect(result.rejections).toEqual([]);
    const patient = result.records.find((r): r is PatientRecord => r.kind === "patient")!;
    expect(patient).toMatchObject({
      externalId: "7685713c-e29e-4a75-8a90-45be7ba3be94",
      name: "Martha DeLarosa",
      gender: "female",
    });
    expect(patient.birthDate?.toISOString()).toBe("1972-05-01T00:00:00.000Z");
    expect(patient.demographics).toMatchObject({ city: "Dordrecht", country: "NL" });

    const condition = result.events.find((e) => e.sourceTable === "Condition")!;
    expect(condition).toMatchObject({
      category: "diagnosis",
      codeSystem: "SNOMED",
      code: "198436008",
      label: "Menopausal flushing (finding)",
    });
    // onsetDateTime "2015": a partial date, kept as the start of the year and said to be so.
    expect(condition.time.toISOString()).toBe("2015-01-01T00:00:00.000Z");
    expect(condition.attributes?.timePrecision).toBe("year");
    expect(condition.patientExternalId).toBe(patient.externalId);

    const medication = result.events.find((e) => e.sourceTable === "MedicationStatement")!;
    expect(medication).toMatchObject({
      category: "medication",
      codeSystem: "SNOMED",
      code: "108774000",
      label: "Product containing anastrozole (medicinal product)",
      valueNum: 1,
      unit: "tablet",
    });
    expect(medication.time.toISOString()).toBe("2015-03-01T00:00:00.000Z");

    const allergy = result.events.find((e) => e.sourceTable === "AllergyIntolerance")!;
    expect(allergy).toMatchObject({ category: "allergy", code: "373270004" });
    expect(allergy.attributes).toMatchObject({ criticality: "high", category: "medication" });

    expect(result.skipped).toEqual(
      new Map([
        ["Composition", 1],
        ["Organization", 1],
        ["Practitioner", 1],
      ]),
    );
  });

  it("maps the IPS with absolute fullUrls; time-less 'no information' entries are rejected, not fatal", async () => {
    const file = path.join(IPS, "bundle-no-info-required-sections.json");
    const source = load(file);
    const result = await readAll([file]);
    const patient = result.records.find((r): r is PatientRecord => r.kind === "patient")!;
    expect(patient).toMatchObject({ externalId: "AAA1234", name: "James Judge", gender: "male" });
    const vaccines = result.events.filter((e) => e.category === "immunization");
    expect(vaccines).toHaveLength(ofType(source, "Immunization").length);
    expect(vaccines.map((v) => v.time.toISOString().slice(0, 10)).sort()).toEqual(["2019-06-03", "2020-07-03"]);
    expect(vaccines[0]).toMatchObject({ codeSystem: "CVX", code: "141", patientExternalId: "AAA1234" });
    // AllergyIntolerance, Condition and MedicationStatement here carry no date at all.
    expect(result.rejections.map((r) => r.reason.split(":")[0]).sort()).toEqual([
      "AllergyIntolerance/e198be1e-9861-46af-9d97-841ef9f7c707",
      "Condition/da138a5d-633f-493f-9485-e5af1320db5b",
      "MedicationStatement/ceb9a0d2-454c-4834-be55-2fa1eb2acd49",
    ]);
    for (const r of result.rejections) {
      expect(r.reason).toContain("no time");
      expect(r.file).toBe(file);
      // The line of the entry in the pretty-printed file.
      const id = r.reason.split(":")[0].split("/")[1];
      const lines = readFileSync(file, "utf8").split("\n");
      expect(lines.slice(r.line - 1, r.line + 40).join("\n")).toContain(id);
    }
  });
});
