// Bad and awkward inputs, each a small temp file: what is fatal (ImportError), what is
// rejected (file:line + reason), what is skipped and counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportError } from "../import-record";
import { TempDir, bundle, readAll } from "./test-support";

let tmp: TempDir;
beforeAll(async () => {
  tmp = await TempDir.create();
});
afterAll(async () => {
  await tmp.remove();
});

const patient = (id: string) => ({
  resourceType: "Patient",
  id,
  name: [{ given: ["Ada"], family: "Lovelace" }],
  birthDate: "1815-12-10",
});
const observation = (id: string, subject: string, extra: Record<string, unknown> = {}) => ({
  resourceType: "Observation",
  id,
  status: "final",
  code: { coding: [{ system: "http://loinc.org", code: "2345-7", display: "Glucose" }] },
  subject: { reference: subject },
  effectiveDateTime: "2020-01-02T03:04:05Z",
  valueQuantity: { value: 5.5, unit: "mmol/L" },
  ...extra,
});

async function importError(paths: string[]): Promise<ImportError> {
  const error = await readAll(paths).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe("fatal: the input is not (consistent) FHIR", () => {
  it("JSON without a resourceType", async () => {
    const file = await tmp.json("not-fhir.json", { hello: "world" });
    const error = await importError([file]);
    expect(error.message).toContain("not-fhir.json");
    expect(error.message).toMatch(/not FHIR.*no resourceType/);
  });

  it("JSON whose resourceType is not a FHIR R4 type", async () => {
    const file = await tmp.json("unknown-type.json", { resourceType: "Spaceship", id: "x" });
    expect((await importError([file])).message).toMatch(/not FHIR R4: unknown resourceType "Spaceship"/);
  });

  it("a JSON array", async () => {
    const file = await tmp.json("array.json", [patient("p1")]);
    expect((await importError([file])).message).toMatch(/expected a JSON object/);
  });

  it("invalid JSON names the line and column", async () => {
    const file = await tmp.text(
      "broken.json",
      '{\n  "resourceType": "Bundle",\n  "type": "collection",\n  "entry": [ { "resource": x } ]\n}\n',
    );
    const error = await importError([file]);
    expect(error.file).toBe(file);
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/invalid JSON: Unexpected token 'x' \(line 4, column 28\)$/);
  });

  it("truncated JSON names the last line", async () => {
    const file = await tmp.text("truncated.json", '{\n  "resourceType": "Patient",\n  "id": "p1"');
    const error = await importError([file]);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/invalid JSON: .* \(line 3, column 13\)$/);
  });

  it("a Bundle with a dangling subject reference names the file, the resource and the reference", async () => {
    const file = await tmp.json(
      "dangling.json",
      bundle("collection", [patient("p1"), observation("obs-1", "urn:uuid:nobody")]),
    );
    const error = await importError([file]);
    expect(error.message).toContain("dangling.json");
    expect(error.message).toContain("dangling reference");
    expect(error.message).toContain("Observation/obs-1");
    expect(error.message).toContain('subject "urn:uuid:nobody"');
  });

  it("a dangling encounter reference is fatal too", async () => {
    const file = await tmp.json(
      "dangling-encounter.json",
      bundle("collection", [
        patient("p1"),
        observation("obs-1", "Patient/p1", { encounter: { reference: "Encounter/e404" } }),
      ]),
    );
    expect((await importError([file])).message).toMatch(/Observation\/obs-1 encounter "Encounter\/e404"/);
  });

  it("a conditional reference for the subject cannot be resolved: fatal", async () => {
    const file = await tmp.json(
      "conditional-subject.json",
      bundle("transaction", [patient("p1"), observation("obs-1", "Patient?identifier=http://mrn|123")]),
    );
    expect((await importError([file])).message).toMatch(
      /dangling reference: Observation\/obs-1 subject "Patient\?identifier/,
    );
  });

  it("a file that is not .json/.ndjson, named explicitly", async () => {
    const file = await tmp.text("notes.txt", "hello");
    expect((await importError([file])).message).toMatch(/not a FHIR file/);
  });

  it("a path that does not exist", async () => {
    expect((await importError([`${tmp.dir}/missing.json`])).message).toMatch(/no such file/);
  });
});

describe("skipped and counted, not fatal", () => {
  it("unsupported resource types", async () => {
    const claim = { resourceType: "Claim", id: "c1", patient: { reference: "urn:uuid:p1" } };
    const practitioner = { resourceType: "Practitioner", id: "dr1" };
    const file = await tmp.json(
      "unsupported.json",
      bundle("batch", [claim, patient("p1"), practitioner, { ...claim, id: "c2" }]),
    );
    const result = await readAll([file]);
    expect(result.skipped).toEqual(
      new Map([
        ["Claim", 2],
        ["Practitioner", 1],
      ]),
    );
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({ kind: "patient", externalId: "p1", name: "Ada Lovelace" });
    expect(result.rejections).toEqual([]);
  });

  it("conditional references to Practitioner/Organization/Location are ignored (Synthea)", async () => {
    const encounter = {
      resourceType: "Encounter",
      id: "e1",
      class: { code: "EMER" },
      subject: { reference: "urn:uuid:p1" },
      period: { start: "2020-01-01T10:00:00Z", end: "2020-01-01T12:00:00Z" },
      participant: [{ individual: { reference: "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999" } }],
      serviceProvider: {
        reference: "Organization?identifier=https://github.com/synthetichealth/synthea|x",
        display: "General",
      },
    };
    const file = await tmp.json("conditional.json", bundle("transaction", [encounter, patient("p1")]));
    const result = await readAll([file]);
    expect(result.records.map((r) => r.kind)).toEqual(["patient", "encounter"]);
    expect(result.records[1]).toMatchObject({
      encounterKind: "ed_stay",
      patientExternalId: "p1",
      attributes: { serviceProvider: "General" },
    });
  });

  it("a DocumentReference without inline text (a PDF by URL)", async () => {
    const doc = {
      resourceType: "DocumentReference",
      id: "d1",
      status: "current",
      subject: { reference: "Patient/p1" },
      date: "2020-01-01T00:00:00Z",
      content: [{ attachment: { contentType: "application/pdf", url: "http://example.org/d1.pdf" } }],
    };
    const result = await readAll([await tmp.json("pdf.json", bundle("collection", [patient("p1"), doc]))]);
    expect(result.skipped.get("DocumentReference without inline text")).toBe(1);
    expect(result.events).toHaveLength(0);
  });
});

describe("rejected: FHIR, but malformed (file:line + reason), the import goes on", () => {
  it("a field of the wrong type and an impossible date, in NDJSON, by line", async () => {
    const file = await tmp.ndjson("rejects.ndjson", [
      patient("p1"),
      observation("bad-value", "Patient/p1", { valueQuantity: { value: "high", unit: "mg" } }),
      observation("bad-date", "Patient/p1", { effectiveDateTime: "2020-02-30" }),
      observation("good", "Patient/p1"),
      { resourceType: "Condition", id: "timeless", subject: { reference: "Patient/p1" }, code: { text: "Asthma" } },
    ]);
    const result = await readAll([file]);
    expect(result.events.map((e) => e.provenance)).toEqual(["Observation/good"]);
    expect(result.rejections).toEqual([
      {
        file,
        line: 2,
        reason: expect.stringMatching(/^Observation\/bad-value: valueQuantity\.value: .*expected number/),
      },
      {
        file,
        line: 3,
        reason: expect.stringMatching(
          /^Observation\/bad-date: effectiveDateTime: not a FHIR date\/dateTime: "2020-02-30"/,
        ),
      },
      { file, line: 5, reason: expect.stringMatching(/^Condition\/timeless: no time/) },
    ]);
  });

  it("a rejected Patient takes its events with it (rejected, not dangling)", async () => {
    const file = await tmp.ndjson("bad-patient.ndjson", [
      { ...patient("p1"), birthDate: "yesterday" },
      observation("o1", "Patient/p1"),
    ]);
    const result = await readAll([file]);
    expect(result.records).toHaveLength(0);
    expect(result.rejections.map((r) => [r.line, r.reason.split(":")[0]])).toEqual([
      [1, "Patient/p1"],
      [2, "Observation/o1"],
    ]);
    expect(result.rejections[1].reason).toContain("subject Patient/p1 was rejected");
  });

  it("a resource in a Bundle is reported at its entry's line", async () => {
    const file = await tmp.json(
      "bundle-reject.json",
      bundle("collection", [patient("p1"), observation("o1", "urn:uuid:p1", { issued: 42 })]),
    );
    const result = await readAll([file]);
    expect(result.rejections).toHaveLength(1);
    const { line } = result.rejections[0];
    const text = (await import("node:fs")).readFileSync(file, "utf8").split("\n");
    expect(text[line - 1]).toMatch(/^\s*\{\s*$/);
    expect(text.slice(line, line + 4).join("\n")).toContain('"fullUrl": "urn:uuid:o1"');
  });
});

describe("NDJSON (bulk export)", () => {
  it("a broken line is fatal and names the line", async () => {
    const file = await tmp.ndjson("Patient-broken.ndjson", [
      patient("p1"),
      '{"resourceType": "Patient", "id": "p2",',
      patient("p3"),
    ]);
    const error = await importError([file]);
    expect(error.file).toBe(file);
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/Patient-broken\.ndjson:2: invalid JSON/);
  });

  it("a line that is JSON but not FHIR is fatal and names the line", async () => {
    const file = await tmp.ndjson("not-fhir.ndjson", [patient("p1"), { id: "p2" }]);
    const error = await importError([file]);
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/no resourceType/);
  });

  it("resources may reference Patients in another NDJSON file of the same import", async () => {
    // Named so that the Observation file sorts first: the reader orders Patient files first.
    const dir = await TempDir.create();
    try {
      await dir.ndjson("1.Observation.ndjson", [observation("o1", "Patient/p1"), observation("o2", "Patient/p2")]);
      await dir.ndjson("2.Patient.ndjson", [patient("p1"), patient("p2")]);
      const result = await readAll([dir.dir]);
      expect(result.records.map((r) => r.kind)).toEqual(["patient", "patient", "event", "event"]);
      expect(result.events.map((e) => [e.provenance, e.patientExternalId, e.category, e.valueNum, e.unit])).toEqual([
        ["Observation/o1", "p1", "observation", 5.5, "mmol/L"],
        ["Observation/o2", "p2", "observation", 5.5, "mmol/L"],
      ]);
      const last = result.progress.at(-1)!;
      expect(last[0]).toBe(last[1]);
    } finally {
      await dir.remove();
    }
  });

  it("a reference to a Patient in no file is fatal and names the line", async () => {
    const file = await tmp.ndjson("orphans.ndjson", [
      patient("p1"),
      observation("o1", "Patient/p1"),
      observation("o2", "Patient/p9"),
    ]);
    const error = await importError([file]);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/dangling reference: Observation\/o2 subject "Patient\/p9"/);
  });

  it("reads gzip NDJSON, with absolute references and MedicationRequests naming a Medication file", async () => {
    const dir = await TempDir.create();
    try {
      await dir.ndjson("MedicationRequest.ndjson.gz", [
        {
          resourceType: "MedicationRequest",
          id: "mr1",
          status: "active",
          intent: "order",
          subject: { reference: "https://fhir.example.org/r4/Patient/p1" },
          medicationReference: { reference: "Medication/m1" },
          authoredOn: "2021-06-01T08:00:00+02:00",
          dosageInstruction: [
            { text: "1 tablet daily", doseAndRate: [{ doseQuantity: { value: 1, unit: "tablet" } }] },
          ],
        },
      ]);
      await dir.ndjson("Medication.ndjson.gz", [
        {
          resourceType: "Medication",
          id: "m1",
          code: {
            coding: [
              {
                system: "http://www.nlm.nih.gov/research/umls/rxnorm",
                code: "197361",
                display: "Amlodipine 5 MG Oral Tablet",
              },
            ],
          },
        },
      ]);
      await dir.ndjson("Patient.ndjson.gz", [patient("p1")]);
      const result = await readAll([dir.dir]);
      expect(result.rejections).toEqual([]);
      expect(result.events).toHaveLength(1);
      expect(result.events[0]).toMatchObject({
        patientExternalId: "p1",
        category: "medication",
        codeSystem: "RxNorm",
        code: "197361",
        label: "Amlodipine 5 MG Oral Tablet",
        valueNum: 1,
        unit: "tablet",
        attributes: { status: "active", intent: "order", dosage: "1 tablet daily" },
      });
      expect(result.events[0].time.toISOString()).toBe("2021-06-01T06:00:00.000Z");
    } finally {
      await dir.remove();
    }
  });

  it("a line over the record size limit is fatal and names the line", async () => {
    const long = { ...patient("p2"), name: [{ text: "x".repeat(5000) }] };
    const file = await tmp.ndjson("Patient-long.ndjson.gz", [patient("p1"), long, patient("p3")]);
    const error = await readAll([file], { maxRecordBytes: 4096 }).then(
      () => null,
      (e: unknown) => e as ImportError,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect(error!.line).toBe(2);
    expect(error!.message).toMatch(/line longer than the 4096-byte limit/);
    expect((await readAll([file], { maxRecordBytes: 8192 })).records).toHaveLength(3);
  });

  it("records carry their origin (file and line) for the writer's reports", async () => {
    const dir = await TempDir.create();
    try {
      const ndjson = await dir.ndjson("Patient.ndjson", ["", patient("p1")]);
      const json = await dir.json("obs.json", bundle("collection", [observation("o1", "Patient/p1")]));
      const { records } = await readAll([dir.dir]);
      expect(records[0].origin).toEqual({ file: ndjson, line: 2 });
      expect(records[1].origin?.file).toBe(json);
      expect(records[1].origin?.line).toBe(5); // the entry's opening brace in the pretty-printed Bundle
    } finally {
      await dir.remove();
    }
  });

  it("a corrupt gzip file is fatal", async () => {
    const file = await tmp.text("Patient.ndjson.gz", Buffer.from("this is not gzip at all"));
    expect((await importError([file])).message).toMatch(/not valid gzip/);
  });
});
