import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SAMPLES_DIR } from "../playwright.config";
import { expect, test } from "./fixtures";

const SYNTHEA = path.join(SAMPLES_DIR, "fhir/synthea/Bo157_Smith67_fa5aa9e4-255d-62cf-0278-9ae778a2620c.json");

test.describe("admin import page", () => {
  test("uploads a FHIR bundle, follows the job, and lands the patient", async ({ signInAs }) => {
    const page = await signInAs("admin");
    await page.goto("/admin/import");
    const upload = page.getByRole("form", { name: "Upload files" });
    await upload.getByLabel(/^Files/).setInputFiles(SYNTHEA);
    await upload.getByRole("button", { name: "Upload and import" }).click();
    const job = page.getByTestId("import-job").first();
    await expect(job.getByTestId("import-status")).toHaveText("done", { timeout: 30_000 });
    await expect(job.getByTestId("import-result")).toContainText(/^1 patients and \d+ events added/);

    await page.goto("/patients?q=Bo157");
    await expect(page.getByRole("cell", { name: /Bo157/ }).first()).toBeVisible();
  });

  test("imports a server folder inside IMPORT_DIRS; a second import adds nothing", async ({ signInAs }) => {
    const page = await signInAs("admin");
    await page.goto("/admin/import");
    const folder = page.getByRole("form", { name: "Import a server folder" });
    for (const expected of [
      /^\d+ patients and [1-9]\d* events added/,
      /^0 patients and 0 events added, \d+ already present/,
    ]) {
      await folder.getByLabel("Folder or file path").fill(path.join(SAMPLES_DIR, "fhir/hl7-ips"));
      await folder.getByRole("button", { name: "Import folder" }).click();
      const job = page.getByTestId("import-job").first();
      await expect(job.getByTestId("import-status")).toHaveText("done", { timeout: 30_000 });
      await expect(job.getByTestId("import-result")).toContainText(expected);
    }
  });

  test("refuses folders outside IMPORT_DIRS and reports a bad file without landing anything", async ({ signInAs }) => {
    const page = await signInAs("admin");
    await page.goto("/admin/import");
    const folder = page.getByRole("form", { name: "Import a server folder" });
    await folder.getByLabel("Folder or file path").fill("/etc");
    await folder.getByRole("button", { name: "Import folder" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Imports may only read from" })).toBeVisible();

    const bad = path.join(tmpdir(), `not-fhir-${Date.now()}.json`);
    writeFileSync(bad, JSON.stringify({ hello: "world" }));
    const upload = page.getByRole("form", { name: "Upload files" });
    await upload.getByLabel(/^Files/).setInputFiles(bad);
    await upload.getByRole("button", { name: "Upload and import" }).click();
    const job = page.getByTestId("import-job").first();
    await expect(job.getByTestId("import-status")).toHaveText("failed", { timeout: 30_000 });
    await expect(job).toContainText(/resourceType/);
  });
});
