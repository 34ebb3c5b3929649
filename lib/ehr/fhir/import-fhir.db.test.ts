// End to end: the real Synthea and HL7 IPS samples through the project's import writer into
// PostgreSQL. Checks that every record the FHIR reader yields is one the writer accepts, and
// that a re-import adds nothing (provenance keeps events idempotent).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import { samplePath } from "../../../test/ehr-samples";
import { importFiles, type ImportSummary } from "../import/import-files";
import { tableCounts, withClient } from "../import/test-support";
import { readAll } from "./test-support";

const SAMPLES = [samplePath("fhir", "synthea"), samplePath("fhir", "hl7-ips")];
const ISAURA = "a4abb8bd-c78c-e552-3037-471a46cac3c7";

let db: TestDatabase;
let summary: ImportSummary;

describe("importing the FHIR samples", () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    summary = await importFiles({ databaseUrl: db.url, paths: SAMPLES, format: "fhir" });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("lands every record the reader yields; only the three time-less IPS entries are rejected", async () => {
    const read = await readAll(SAMPLES);
    expect(summary.rejectedCount).toBe(3);
    expect(summary.patients.added).toBe(16);
    expect(summary.encounters.added).toBe(read.records.filter((r) => r.kind === "encounter").length);
    expect(summary.events.added).toBe(read.events.length);
    expect(summary.skipped.Claim).toBeGreaterThan(0);
  });

  it("stores a patient's conditions and notes as the file has them", async () => {
    const file = readdirSync(SAMPLES[0]).find((f) => f.includes(ISAURA))!;
    const bundle = JSON.parse(readFileSync(path.join(SAMPLES[0], file), "utf8"));
    const conditions = bundle.entry.filter(
      (e: { resource: { resourceType: string } }) => e.resource.resourceType === "Condition",
    );
    const { rows } = await withClient(db.url, (c) =>
      c.query(
        `SELECT e.category, e."valueText", e."encounterId" IS NOT NULL AS linked FROM event e
         JOIN patient p ON p.id = e."patientId" WHERE p."externalId" = $1 AND p.source = 'fhir'`,
        [ISAURA],
      ),
    );
    expect(rows.filter((r) => r.category === "diagnosis")).toHaveLength(conditions.length);
    expect(rows.some((r) => r.category === "note" && String(r.valueText).includes("# Chief Complaint"))).toBe(true);
    expect(rows.every((r) => r.linked)).toBe(true);
  });

  it("importing the same files again adds nothing", async () => {
    const before = await tableCounts(db.url);
    const again = await importFiles({ databaseUrl: db.url, paths: SAMPLES, format: "fhir" });
    expect(again.patients.added).toBe(0);
    expect(again.encounters.added).toBe(0);
    expect(again.events.added).toBe(0);
    expect(await tableCounts(db.url)).toEqual(before);
  });
});
