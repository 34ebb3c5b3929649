// Page-level behaviour in Chromium against the production build and the demo cohort: rating a
// hand-started run from its page, "New prediction" at the timeline's cut-off, the queue list
// and "Generate runs", the timeline's wheel and the patient page's Back, every page at 768 px
// and 1280x800, axe in both themes, the 404 page, the favicon, the sign-in note, vitals, the
// access log's patient ids.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { BASE_URL, SAMPLES_DIR } from "../playwright.config";
import { demoUser, expect, test } from "./fixtures";
import { addPatientsBySearch, chooseTasks } from "./queue-form";

type Patient = { id: string; externalId: string };
/** A datetime-local input's value for an ISO time (it leaves out ":00" seconds). */
const inputValue = (iso: string) => iso.slice(0, 19).replace(/:00$/, "");
const STAMP = Date.now().toString(36);

async function demoPatient(request: APIRequestContext, externalId = "90000001"): Promise<Patient> {
  const list = await (await request.get(`/api/patients?q=${externalId}&source=mimic-iv&limit=1`)).json();
  expect(list.patients.length, "the demo cohort exists").toBe(1);
  return list.patients[0];
}

/** A baseline labevents run at the task's suggested cut-off of the patient's last admission. */
async function startBaselineRun(page: Page, patient: Patient): Promise<string> {
  const options = await (await page.request.get(`/api/tasks?patientId=${patient.id}`)).json();
  const cutoff = options.admissions.at(-1).cutoffs.labevents;
  const response = await page.request.post("/api/runs", {
    data: { patientId: patient.id, taskKey: "labevents", cutoff, backendId: "baseline" },
    headers: { origin: BASE_URL },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function waitForRun(request: APIRequestContext, id: string) {
  await expect.poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).status).toBe("done");
}

/** A queue made through the API (admin), its runs generated and finished; returns its id. */
async function makeQueue(request: APIRequestContext, baseURL: string, name: string, kind: "agreement" | "rubric") {
  const patients = await Promise.all(["90000001", "90000002"].map((id) => demoPatient(request, id)));
  const users = (await (await request.get("/api/admin/users")).json()).users as { id: string; email: string }[];
  const memberIds = users.filter((u) => u.email.endsWith("@demo.local")).map((u) => u.id);
  const created = await request.post("/api/queues", {
    data: {
      name,
      kind,
      memberIds,
      reviewersPerItem: 2,
      // Guidelines make the review pages show their panel (queue-manage.spec.ts opens it).
      guidelines: "Rate **each** predicted test:\n\n- agree when it was ordered",
      selection: { patientIds: patients.map((p) => p.id), taskKeys: ["labevents"], backendId: "baseline" },
    },
    headers: { origin: baseURL },
  });
  expect(created.status(), await created.text()).toBe(201);
  const queueId = (await created.json()).queue.id as string;
  const generated = await request.post(`/api/queues/${queueId}/runs`, { data: {}, headers: { origin: baseURL } });
  expect(generated.ok(), await generated.text()).toBeTruthy();
  return queueId;
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

test("a hand-started run is rated from its page: clinicians rate it, admins rate or grade it", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  const patient = await demoPatient(page.request);
  const runId = await startBaselineRun(page, patient);
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("run-status")).toHaveText("done");
  await expect(page.getByRole("link", { name: "Grade the reasoning" })).toHaveCount(0);
  await page.getByRole("link", { name: "Rate this run" }).click();
  await page.waitForURL(new RegExp(`/review/runs/${runId}$`));
  await expect(page.getByTestId("review-workspace")).toBeVisible();
  await expect(page.locator('[data-row="overall"]')).toBeVisible();

  // An admin reads every run: both kinds of rating.
  await page.context().clearCookies();
  const admin = await signInAs("admin");
  await admin.goto(`/runs/${runId}`);
  await expect(admin.getByRole("link", { name: "Rate this run" })).toHaveAttribute("href", `/review/runs/${runId}`);
  await admin.getByRole("link", { name: "Grade the reasoning" }).click();
  await admin.waitForURL(new RegExp(`/review/runs/${runId}\\?kind=rubric$`));
  await expect(admin.getByTestId("review-workspace")).toBeVisible();
});

test("New prediction on the patient page starts at the timeline's cut-off, and follows it", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  const patient = await demoPatient(page.request);
  const options = await (await page.request.get(`/api/tasks?patientId=${patient.id}`)).json();
  const admission = options.admissions.at(-1);
  const suggested = admission.cutoffs.labevents as string;
  // Two hours after the admission starts: inside it, and not the task's suggestion.
  const cutoff = new Date(Date.parse(admission.start) + 2 * 3_600_000).toISOString();
  expect(cutoff).not.toBe(suggested);
  await page.goto(`/patients/${patient.id}?cutoff=${cutoff}`);
  await page.getByText("New prediction for this patient").click();
  const form = page.getByRole("form", { name: "New prediction" });
  await expect(form.getByLabel("Cut-off (UTC)")).toHaveValue(inputValue(cutoff));
  await expect(form.getByLabel("Admission").locator("option:checked")).toContainText(admission.externalId);

  // Moving the timeline's cut-off moves the form's.
  const slider = page.getByRole("slider", { name: "Cut-off" });
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  const moved = new Date(Date.parse(cutoff) + 3_600_000).toISOString();
  await expect(form.getByLabel("Cut-off (UTC)")).toHaveValue(inputValue(moved));
  await form.getByRole("button", { name: "Start prediction" }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  const run = await (await page.request.get(`/api/runs/${page.url().split("/").pop()}`)).json();
  expect(run.cutoff).toBe(moved);
});

test("a new queue is listed at once; a double-clicked Generate runs starts each run once and says so", async ({
  signInAs,
}) => {
  const page = await signInAs("admin");
  await page.goto("/queues");
  const name = `Listed ${STAMP}`;
  const PATIENTS = ["90000004", "90000005", "90000006"];
  const form = page.getByRole("form", { name: "Create a queue" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Reviewers per item").fill("1");
  await chooseTasks(form, ["Next laboratory tests"]);
  await form.getByLabel("Backend", { exact: true }).selectOption("baseline");
  await form.getByLabel(demoUser("clinician").name).check();
  await addPatientsBySearch(form, PATIENTS);
  const createdAt = Date.now() - 1_000;
  await form.getByRole("button", { name: "Create queue" }).click();
  await expect(form.getByRole("status")).toContainText(`Created “${name}” with 3 items`);
  await expect(page.getByText("No queues yet")).toHaveCount(0);
  await expect(page.getByTestId("queue-row").filter({ hasText: name })).toBeVisible();

  await page.getByTestId("queue-row").filter({ hasText: name }).getByRole("link").click();
  await page.waitForURL(/\/queues\/[0-9a-f-]{36}$/);
  const queueId = page.url().split("/").pop()!;
  await page.getByRole("button", { name: "Generate runs" }).dblclick();
  await expect(page.getByText(/Started 3 runs/)).toBeVisible();
  await expect(page.getByText("Started 0 runs")).toHaveCount(0);
  await expect(page.getByTestId("queue-item").filter({ hasText: "done" })).toHaveCount(3, { timeout: 30_000 });
  // Each item got exactly one run: three runs of these patients since the queue was made.
  let runs = 0;
  for (const patient of PATIENTS) {
    const list = (await (await page.request.get(`/api/runs?patient=${patient}&task=labevents`)).json()) as {
      runs: { createdAt: string }[];
    };
    runs += list.runs.filter((run) => Date.parse(run.createdAt) >= createdAt).length;
  }
  expect(runs).toBe(3);
  // A second call has nothing left to start and says why.
  const again = await page.request.post(`/api/queues/${queueId}/runs`, {
    data: {},
    headers: { origin: new URL(page.url()).origin },
  });
  expect(await again.json()).toMatchObject({ started: 0, alreadyStarted: 3, failed: [] });
});

test("on the review page the wheel scrolls the page; Ctrl+wheel zooms the timeline", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  const runId = await startBaselineRun(page, await demoPatient(page.request, "90000003"));
  await waitForRun(page.request, runId);
  await page.goto(`/review/runs/${runId}`);
  const plot = page.getByTestId("timeline-plot");
  await expect(plot).toBeVisible();
  const range = page.getByTestId("view-range");
  const overPlot = async () => {
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  };
  // Ctrl + wheel zooms in.
  const opened = await range.textContent();
  await overPlot();
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, -400);
  await page.keyboard.up("Control");
  await expect(range).not.toHaveText(opened!);
  // A plain wheel scrolls the page and leaves the zoom alone.
  const zoomed = await range.textContent();
  const scrolled = await page.evaluate(() => window.scrollY);
  await overPlot();
  await page.mouse.wheel(0, 300);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled);
  await expect(range).toHaveText(zoomed!);
  await expect(page.getByText("use the wheel to zoom")).toBeVisible();
});

test("Back to the patient page keeps its zoom and filters (they live in the URL)", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  const patient = await demoPatient(page.request);
  await page.goto(`/patients/${patient.id}`);
  const categories = page.getByRole("group", { name: "Categories" });
  await categories.getByRole("button", { name: "None", exact: true }).click();
  await categories.getByRole("button", { name: "Labs", exact: true }).click();
  await page.getByRole("group", { name: "Zoom" }).getByRole("button", { name: "1 day" }).click();
  await expect(page.getByTestId("view-range")).toContainText("(1 d)");
  const range = await page.getByTestId("view-range").textContent();
  await expect(page).toHaveURL(/lanes=lab/);
  await expect(page).toHaveURL(/from=.*to=/);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }).click();
  await page.waitForURL(/\/runs$/);
  await page.goBack();
  await expect(page.getByTestId("view-range")).toHaveText(range!);
  await expect(categories.getByRole("button", { name: "Labs", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(categories.getByRole("button", { name: "Medications", exact: true })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  // A reload opens the same view.
  await page.reload();
  await expect(page.getByTestId("view-range")).toHaveText(range!);
});

/** Every page of the app, for an admin (who may open them all), with real ids. */
async function everyPage(page: Page, baseURL: string): Promise<string[]> {
  const patient = await demoPatient(page.request);
  const runId = await startBaselineRun(page, patient);
  await waitForRun(page.request, runId);
  const queueId = await makeQueue(page.request, baseURL, `Pages ${STAMP}`, "agreement");
  const rubricId = await makeQueue(page.request, baseURL, `Pages rubric ${STAMP}`, "rubric");
  for (const id of [queueId, rubricId]) {
    await expect
      .poll(async () => (await (await page.request.get(`/api/queues/${id}/next`)).json()).item?.queueItemId ?? null, {
        timeout: 30_000,
      })
      .not.toBeNull();
  }
  const reviewItem = (await (await page.request.get(`/api/queues/${queueId}/next`)).json()).item.queueItemId;
  const rubricItem = (await (await page.request.get(`/api/queues/${rubricId}/next`)).json()).item.queueItemId;
  return [
    "/",
    "/patients",
    `/patients/${patient.id}`,
    "/runs",
    `/runs/${runId}`,
    "/review",
    `/review/items/${reviewItem}`,
    `/review/items/${rubricItem}`,
    `/review/runs/${runId}`,
    "/queues",
    "/queues?archived=include",
    `/queues/${queueId}`,
    `/queues/${queueId}/items/${reviewItem}`,
    `/stats?queue=${queueId}`,
    "/scorecard",
    "/admin/users",
    "/admin/access-log",
    "/admin/import",
    "/admin/backends",
    "/account",
    "/forbidden",
    "/no-such-page",
  ];
}

let pages: string[] = [];

test("no page scrolls sideways at 768 px, nor at 1280x800", async ({ signInAs, baseURL }) => {
  test.setTimeout(240_000);
  const page = await signInAs("admin");
  pages = await everyPage(page, baseURL!);
  for (const width of [768, 1280]) {
    await page.setViewportSize({ width, height: width === 768 ? 1024 : 800 });
    for (const url of pages) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      const sizes = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(sizes.scroll, `${url} at ${width} px`).toBeLessThanOrEqual(sizes.client);
    }
  }
  // The header keeps the user's name clear of the navigation at 768 px.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto("/patients");
  const user = (await page.getByTestId("current-user").boundingBox())!;
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const link of await nav.getByRole("link").all()) {
    const box = (await link.boundingBox())!;
    const overlaps = box.x < user.x + user.width && user.x < box.x + box.width && box.y < user.y + user.height;
    expect(overlaps && user.y < box.y + box.height, `${await link.textContent()} overlaps the user`).toBe(false);
  }
  // The event table's columns do not overlap.
  const patient = await demoPatient(page.request);
  await page.goto(`/patients/${patient.id}`);
  const header = page.getByRole("columnheader");
  const boxes = await header.evaluateAll((cells) =>
    cells.map((cell) => {
      const rect = cell.getBoundingClientRect();
      return { left: rect.left, right: rect.right, fits: cell.scrollWidth <= cell.clientWidth + 1 };
    }),
  );
  for (let i = 1; i < boxes.length; i += 1) expect(boxes[i].left).toBeGreaterThanOrEqual(boxes[i - 1].right - 1);
});

for (const theme of ["light", "dark"] as const) {
  test(`every page has no serious or critical axe violations in the ${theme} theme`, async ({ signInAs, baseURL }) => {
    test.setTimeout(600_000);
    const page = await signInAs("admin");
    if (!pages.length) pages = await everyPage(page, baseURL!);
    await page.emulateMedia({ colorScheme: theme });
    const failures: string[] = [];
    for (const url of pages) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
      for (const violation of await seriousViolations(page)) failures.push(`${url}: ${violation}`);
    }
    await page.context().clearCookies();
    await page.goto("/sign-in");
    for (const violation of await seriousViolations(page)) failures.push(`/sign-in: ${violation}`);
    expect(failures).toEqual([]);
  });
}

test("a missing page is shown inside the app's frame, with its navigation", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  const response = await page.goto("/no-such-page");
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // So is a missing record.
  const missing = await page.goto("/runs/00000000-0000-4000-8000-000000000000");
  expect(missing!.status()).toBe(404);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("the app has a favicon of its own", async ({ page }) => {
  await page.goto("/sign-in");
  const href = await page.locator('link[rel~="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  const icon = await page.request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(await icon.text()).toContain("<svg");
});

test("blood pressure and weight are vitals on the timeline", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  const patient = await demoPatient(page.request);
  const vitals = await (await page.request.get(`/api/patients/${patient.id}/events?category=vital&limit=500`)).json();
  const labels = (vitals.events as { label: string }[]).map((event) => event.label);
  expect(labels.some((label) => /blood pressure/i.test(label))).toBe(true);
  expect(labels.some((label) => /weight/i.test(label))).toBe(true);
});

test("the access log names a patient by the id of its source", async ({ signInAs }) => {
  const clinician = await signInAs("clinician");
  const patient = await demoPatient(clinician.request);
  await clinician.goto(`/patients/${patient.id}`);
  await clinician.context().clearCookies();
  const page = await signInAs("admin");
  await page.goto("/admin/access-log");
  const row = page
    .getByRole("row")
    .filter({ hasText: demoUser("clinician").email })
    .filter({ hasText: "patient" });
  await expect(row.first()).toContainText(`mimic-iv ${patient.externalId}`);
});

test("the sign-in page stops promising synthetic patients once other data is imported", async ({ page, signInAs }) => {
  // An imported file is not the demo cohort: the note no longer promises synthetic data.
  const signedIn = await signInAs("admin");
  await signedIn.goto("/admin/import");
  const folder = signedIn.getByRole("form", { name: "Import a server folder" });
  await folder.getByLabel("Folder or file path").fill(path.join(SAMPLES_DIR, "fhir/hl7-ips"));
  const started = signedIn.waitForResponse(
    (response) => response.url().endsWith("/api/admin/imports") && response.request().method() === "POST",
  );
  await folder.getByRole("button", { name: "Import folder" }).click();
  expect((await started).ok()).toBeTruthy();
  await signedIn.context().clearCookies();
  // The job runs on; the first listed job may still be the demo cohort's until it shows.
  await expect
    .poll(
      async () => {
        await page.goto("/sign-in");
        return page.getByText("synthetic patients only").count();
      },
      { timeout: 60_000 },
    )
    .toBe(0);
  await expect(page.getByText("Demo mode")).toBeVisible();
});
