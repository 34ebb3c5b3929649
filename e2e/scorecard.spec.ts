// The per-task scorecard: a finished baseline run is scored against the record's truth.
import { BASE_URL } from "../playwright.config";
import { expect, test } from "./fixtures";

test("an admin's scorecard scores a finished baseline run against what happened", async ({ signInAs }) => {
  const page = await signInAs("admin");
  // A synthetic demo patient (subject ids 9000000x): other specs import patients of their own.
  const patients = await (await page.request.get("/api/patients?q=9000000&limit=1")).json();
  const patientId = patients.patients[0].id;
  const options = await (await page.request.get(`/api/tasks?patientId=${patientId}`)).json();
  const cutoff = options.admissions
    .map((admission: { cutoffs: Record<string, string | null> }) => admission.cutoffs.labevents)
    .find(Boolean);
  expect(cutoff, "a demo admission with labs after a cut-off").toBeTruthy();

  const started = await page.request.post("/api/runs", {
    data: { patientId, taskKey: "labevents", cutoff, backendId: "baseline" },
    headers: { origin: BASE_URL },
  });
  expect(started.status()).toBe(201);
  const { id } = await started.json();
  await expect
    .poll(async () => (await (await page.request.get(`/api/runs/${id}`)).json()).status, { timeout: 30_000 })
    .toBe("done");

  await page.goto("/scorecard");
  const row = page.getByRole("row", { name: /labevents.*Baseline \(not EHR-R1\)/ });
  await expect(row).toBeVisible();
  const cells = await row.getByRole("cell").allTextContents();
  expect(Number(cells[3])).toBeGreaterThanOrEqual(1);
  // Precision, recall and F1 are real fractions for a scored item task.
  for (const value of cells.slice(4, 7)) expect(Number(value)).toBeGreaterThanOrEqual(0);
});
