// Prediction runs end to end in Chromium against the production build: the baseline from the
// "New prediction" form, an EHR-R1 run from the fake vLLM server (e2e/serve-test-app.ts,
// slow enough to watch) streaming in and surviving a reload, cancel, who sees the ground
// truth, the backends page without the key, and the baseline-only app (no backend configured).
import { request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { BASE_URL, EXTERNAL_BASE_URL } from "../playwright.config";
import { expect, signInViaApi, test } from "./fixtures";

// e2e/serve-test-app.ts configures the fake model server with this key.
const MODEL_API_KEY = "e2e-fake-model-secret-key";
// The fake server's reasoning (lib/model/testing/fake-openai-server.ts, defaultReply).
const REASONING =
  "## Extraction\nSodium 130 mEq/L (low), INR 1.2 (high).\n\n## Reasoning\nHyponatremia and a raised INR call for repeat chemistry and coagulation tests.\n\n## Final Results\nSodium\nINR(PT)";
const REASONING_STEPS = [
  "Sodium 130 mEq/L (low), INR 1.2 (high).",
  "Hyponatremia and a raised INR call for repeat chemistry and coagulation tests.",
  "Sodium\nINR(PT)",
];

type Patient = { id: string; externalId: string };

/** The first patient of the synthetic demo cohort (other specs import more patients). */
async function demoPatient(request: APIRequestContext): Promise<Patient> {
  const list = await (await request.get("/api/patients?q=90000001&source=mimic-iv&limit=1")).json();
  expect(list.patients.length, "the demo cohort exists").toBe(1);
  return list.patients[0];
}

/** Starts a labevents run through the API at the task's suggested cut-off; returns its id. */
async function startRun(request: APIRequestContext, baseURL: string, patient: Patient, backendId: string) {
  const options = await (await request.get(`/api/tasks?patientId=${patient.id}`)).json();
  const cutoff = options.admissions.at(-1).cutoffs.labevents;
  const response = await request.post("/api/runs", {
    data: { patientId: patient.id, taskKey: "labevents", cutoff, backendId },
    headers: { origin: baseURL },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const stepTexts = (page: Page) => page.locator("[data-step-id] p").allInnerTexts();

test.describe("prediction runs", () => {
  test("a clinician starts a baseline run from the form and sees steps, items, prompt and evidence", async ({
    signInAs,
  }) => {
    const page = await signInAs("clinician");
    const patient = await demoPatient(page.request);
    await page.goto(`/runs?patient=${patient.externalId}`);
    const form = page.getByRole("form", { name: "New prediction" });
    // Unavailable tasks are listed, disabled, with the reason.
    await expect(form.locator("option[disabled]").first()).toContainText("unavailable: ");
    await form.getByLabel("Task").selectOption("labevents");
    await form.getByLabel("Backend").selectOption("baseline");
    await expect(form.getByLabel("Backend").locator("option:checked")).toHaveText("Baseline (not EHR-R1)");
    await expect(form.getByLabel("Cut-off (UTC)")).not.toHaveValue("");
    await form.getByRole("button", { name: "Start prediction" }).click();

    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("run-status")).toHaveText("done");
    await expect(page.getByTestId("run-backend")).toHaveText("Baseline (not EHR-R1)");
    await expect(page.getByTestId("run-facts")).toContainText("baseline, not EHR-R1");
    expect((await stepTexts(page)).length).toBeGreaterThan(2);
    await expect(page.locator("#step-extraction-1")).toBeVisible();
    await expect(page.getByTestId("answer-item").first()).toBeVisible();
    const evidence = page.getByTestId("evidence-link").first();
    await expect(evidence).toHaveAttribute("href", new RegExp(`^/patients/${patient.id}\\?cutoff=.+&event=\\d+$`));

    await page.getByText("View prompt").click();
    await expect(page.getByTestId("prompt-text")).toContainText("## Patient Demographics");
    await expect(page.getByText("The baseline (not EHR-R1) sends nothing anywhere")).toBeVisible();
  });

  test("an EHR-R1 run streams in, and a reload mid-stream continues without loss or duplication", async ({
    signInAs,
  }) => {
    const page = await signInAs("clinician");
    const patient = await demoPatient(page.request);
    const id = await startRun(page.request, BASE_URL, patient, "ehr-r1");
    await page.goto(`/runs/${id}`);
    await expect(page.getByTestId("run-backend")).toHaveText("EHR-R1 (BlueZeros/EHR-R1-8B)");
    const steps = page.getByTestId("reasoning-steps");
    await expect(steps).toContainText("Sodium 130");
    // Partial: the model is still writing.
    await expect(page.getByTestId("run-status")).toHaveText("streaming");
    expect((await steps.innerText()).includes("coagulation tests.")).toBe(false);

    await page.reload();
    // What was written before the reload is there at once, and the stream carries on.
    await expect(steps).toContainText("Sodium 130");
    await expect(page.getByTestId("run-status")).toHaveText("streaming");
    const counts = (text: string) =>
      ["Sodium 130", "Hyponatremia", "coagulation"].map((word) => text.split(word).length - 1);
    for (;;) {
      const text = await steps.innerText();
      for (const count of counts(text)) expect(count).toBeLessThanOrEqual(1);
      if ((await page.getByTestId("run-status").innerText()) === "done") break;
      await page.waitForTimeout(100);
    }
    expect(await stepTexts(page)).toEqual(REASONING_STEPS);
    await expect(page.getByTestId("answer-item")).toHaveCount(3);
    await expect(page.getByTestId("answer-item").first()).toContainText("d_labitems");
    await expect(page.getByTestId("run-facts")).toContainText("BlueZeros/EHR-R1-8B");
    // Which thinking switch it used, and that its prompt was counted in real tokens.
    await expect(page.getByTestId("run-facts")).toContainText("authors' evaluation (/think, reasoning)");
    await expect(page.getByTestId("run-facts")).toContainText("nothing (budget 27904)");
    await page.getByText("View prompt").click();
    await expect(page.getByTestId("prompt-truncation")).toContainText("within the budget of 27904; nothing was cut");
    await expect(page.getByTestId("prompt-thinking")).toContainText("authors' evaluation");
  });

  test("a script starts a run and reads its output in the same request (Accept: text/event-stream)", async ({
    signInAs,
  }) => {
    const page = await signInAs("clinician");
    const patient = await demoPatient(page.request);
    const options = await (await page.request.get(`/api/tasks?patientId=${patient.id}`)).json();
    const cutoff = options.admissions.at(-1).cutoffs.labevents;
    const headers = { origin: BASE_URL, accept: "text/event-stream" };
    const response = await page.request.post("/api/runs", {
      data: { patientId: patient.id, taskKey: "labevents", cutoff, backendId: "ehr-r1" },
      headers,
    });
    expect(response.status(), await response.text()).toBe(201);
    expect(response.headers()["content-type"]).toContain("text/event-stream");
    const id = response.headers()["x-run-id"];
    expect(response.headers()["location"]).toBe(`/api/runs/${id}`);
    // The whole run, in the GET stream's events: every reasoning delta, the answer, then done.
    const events = (await response.text())
      .split("\n\n")
      .map((block) => ({
        kind: /^event: (.+)$/m.exec(block)?.[1],
        data: /^data: (.+)$/m.exec(block)?.[1],
      }))
      .filter((event) => event.kind);
    const text = (kind: string) =>
      events
        .filter((event) => event.kind === kind)
        .map((event) => JSON.parse(event.data!))
        .join("");
    expect(text("reasoning")).toBe(REASONING);
    expect(text("answer").length).toBeGreaterThan(0);
    expect(events.at(-1)).toEqual({ kind: "done", data: JSON.stringify({ status: "done" }) });
    const stored = await (await page.request.get(`/api/runs/${id}`)).json();
    expect([stored.status, stored.reasoning]).toEqual(["done", REASONING]);

    // Bad input is refused as JSON, not as a stream.
    const refused = await page.request.post("/api/runs", { data: { patientId: patient.id }, headers });
    expect(refused.status()).toBe(400);
    expect(refused.headers()["content-type"]).toContain("application/json");
  });

  test("a clinician cancels a streaming run; the partial reasoning stays", async ({ signInAs }) => {
    const page = await signInAs("clinician");
    const patient = await demoPatient(page.request);
    const id = await startRun(page.request, BASE_URL, patient, "ehr-r1");
    await page.goto(`/runs/${id}`);
    await expect(page.getByTestId("reasoning-steps")).toContainText("Sodium");
    await page.getByRole("button", { name: "Cancel run" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("cancelled");
    await expect(page.getByTestId("run-error")).toHaveText("This run was cancelled by Chris Clinician.");
    await expect(page.getByTestId("reasoning-steps")).toContainText("Sodium");
    const run = await (await page.request.get(`/api/runs/${id}`)).json();
    expect(run.reasoning.length).toBeGreaterThan(0);
    expect(run.reasoning.length).toBeLessThan(REASONING.length);
    expect(REASONING.startsWith(run.reasoning)).toBe(true);
  });

  test("ground truth: the admin sees it, another reviewer does not, and nobody else may cancel", async ({
    browser,
    signInAs,
  }) => {
    const clinician = await signInAs("clinician");
    const patient = await demoPatient(clinician.request);
    const id = await startRun(clinician.request, BASE_URL, patient, "baseline");
    await clinician.goto(`/runs/${id}`);
    await expect(clinician.getByTestId("run-status")).toHaveText("done");
    // The run's creator sees it too.
    await expect(clinician.getByTestId("ground-truth")).toBeVisible();

    const admin = await browser.newContext({ baseURL: BASE_URL });
    await signInViaApi(admin.request, "admin", BASE_URL);
    const adminPage = await admin.newPage();
    await adminPage.goto(`/runs/${id}`);
    await expect(adminPage.getByTestId("ground-truth")).toContainText("Ground truth");

    // A run is read by its starter, admins and the members of a queue holding it: anyone
    // else (here an annotator) gets "not found", on the page and through the API.
    const annotator = await browser.newContext({ baseURL: BASE_URL });
    await signInViaApi(annotator.request, "annotator", BASE_URL);
    const annotatorPage = await annotator.newPage();
    const runPage = await annotatorPage.goto(`/runs/${id}`);
    expect(runPage?.status()).toBe(404);
    for (const path of [`/api/runs/${id}`, `/api/runs/${id}/prompt`, `/api/runs/${id}/stream`]) {
      expect((await annotator.request.get(path)).status(), path).toBe(404);
    }
    const listed = await (await annotator.request.get("/api/runs")).json();
    expect(listed.runs.map((run: { id: string }) => run.id)).not.toContain(id);
    const write = { headers: { origin: BASE_URL } };
    expect((await annotator.request.post(`/api/runs/${id}/cancel`, write)).status()).toBe(403);
    expect((await annotator.request.post("/api/runs", { ...write, data: {} })).status()).toBe(403);

    // Another clinician (IDOR): cannot read, cancel or retry someone else's run.
    const email = `clinician-${Date.now()}@test.local`;
    await admin.request.post("/api/admin/users", {
      data: { email, roles: ["clinician"], password: "other-clinician-pass" },
      headers: { origin: BASE_URL },
    });
    const other = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { origin: BASE_URL } });
    await other.post("/api/auth/sign-in/email", { data: { email, password: "other-clinician-pass" } });
    expect((await other.get(`/api/runs/${id}`)).status()).toBe(404);
    expect((await other.post(`/api/runs/${id}/retry`)).status()).toBe(404);
    const running = await startRun(clinician.request, BASE_URL, patient, "ehr-r1");
    expect((await other.post(`/api/runs/${running}/cancel`)).status()).toBe(404);
    expect((await clinician.request.post(`/api/runs/${running}/cancel`, write)).status()).toBe(200);
    await Promise.all([admin.close(), annotator.close(), other.dispose()]);
  });

  test("an admin runs a batch over chosen patients and watches its progress", async ({ signInAs }) => {
    const page = await signInAs("admin");
    await page.goto("/runs");
    const form = page.getByRole("form", { name: "New batch" });
    await form.getByLabel("Task").selectOption("labevents");
    await form.getByLabel("Backend").selectOption("baseline");
    await form.getByLabel("by id").check();
    await form.getByLabel("Patient ids").fill("90000002, 90000003, no-such-subject");
    await form.getByLabel("At once").fill("2");
    await form.getByRole("button", { name: "Start batch" }).click();
    await expect(page.getByRole("status")).toContainText(
      "Started 2 run(s). Skipped 1: no-such-subject (no such patient)",
    );
    const batch = page.getByTestId("batches").locator("li").first();
    await expect(batch).toContainText("2 done · 0 failed · 0 running · 0 queued of 2 · finished");
    await batch.getByRole("link", { name: "Next laboratory tests" }).click();
    await expect(page.getByTestId("runs-table").locator("tbody tr")).toHaveCount(2);
  });

  test("the backends page lists both backends with their health, never the API key", async ({ signInAs }) => {
    const page = await signInAs("admin");
    await page.goto("/admin/backends");
    const table = page.getByTestId("backends-table");
    await expect(table).toContainText("Baseline (not EHR-R1)");
    await expect(table).toContainText("EHR-R1 (BlueZeros/EHR-R1-8B)");
    await expect(page.getByTestId("health-ehr-r1")).toContainText("ok");
    await expect(page.getByTestId("thinking-ehr-r1")).toHaveText("evaluation");
    await expect(table).toContainText("127.0.0.1:");
    expect(await page.content()).not.toContain(MODEL_API_KEY);
    const api = await page.request.get("/api/backends");
    const text = await api.text();
    expect(text).not.toContain(MODEL_API_KEY);
    expect(JSON.parse(text).backends).toMatchObject([
      { id: "baseline", name: "Baseline (not EHR-R1)", hasApiKey: false },
      { id: "ehr-r1", isEhrR1: true, hasApiKey: true, thinking: "evaluation" },
    ]);
    const health = await (await page.request.get("/api/health")).json();
    expect(health.backends).toMatchObject([
      { id: "baseline", ok: true },
      { id: "ehr-r1", ok: true },
    ]);
  });

  test("with no backend configured, the baseline runs end to end", async () => {
    const api = await playwrightRequest.newContext({
      baseURL: EXTERNAL_BASE_URL,
      extraHTTPHeaders: { origin: EXTERNAL_BASE_URL },
    });
    await signInViaApi(api, "clinician", EXTERNAL_BASE_URL);
    expect((await (await api.get("/api/backends")).json()).backends.map((b: { id: string }) => b.id)).toEqual([
      "baseline",
    ]);
    const patient = await demoPatient(api);
    const id = await startRun(api, EXTERNAL_BASE_URL, patient, "baseline");
    await expect
      .poll(async () => (await (await api.get(`/api/runs/${id}`)).json()).status, { timeout: 20_000 })
      .toBe("done");
    const run = await (await api.get(`/api/runs/${id}`)).json();
    expect(run.backend).toMatchObject({ label: "Baseline (not EHR-R1)", isBaseline: true });
    expect(run.items.length).toBeGreaterThan(0);
    await api.dispose();
  });
});
