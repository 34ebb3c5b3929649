// Reviews end to end in Chromium against the production build and the demo cohort: a study
// lead builds queues and generates baseline runs; a clinician rates with the keyboard only,
// survives a failed save and a reload, submits and moves on; a second session of the same
// rater meets the conflict dialog; an annotator grades the rubric and flags a step; the
// progress page shows counts and kappa; the CSV export downloads and parses.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { APIRequestContext, Page } from "@playwright/test";
import { demoUser, expect, signInViaApi, test } from "./fixtures";
import { addPatientsBySearch, chooseTasks } from "./queue-form";

test.describe.configure({ mode: "serial" });

const STAMP = Date.now().toString(36);
const AGREEMENT_QUEUE = `Agreement e2e ${STAMP}`;
const RUBRIC_QUEUE = `Rubric e2e ${STAMP}`;
const PATIENTS = ["90000001", "90000002", "90000003"];

let agreementQueueId = "";
let ratedRunId = "";

/** Creates a queue through the form on /queues, generates its runs and waits for them. */
async function createQueueThroughForm(page: Page, name: string, kind: "agreement" | "rubric", members: string[]) {
  await page.goto("/queues");
  const form = page.getByRole("form", { name: "Create a queue" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel(kind, { exact: true }).check();
  await form.getByLabel("Reviewers per item").fill("2");
  await chooseTasks(form, ["Next laboratory tests"]);
  await form.getByLabel("Backend", { exact: true }).selectOption("baseline");
  for (const member of members) await form.getByLabel(member).check();
  await addPatientsBySearch(form, PATIENTS);
  await expect(form.getByTestId("queue-preview-summary")).toHaveText(
    "The queue will have 3 items (every patient × task pair can make one).",
  );
  await form.getByRole("button", { name: "Create queue" }).click();
  await expect(form.getByRole("status")).toContainText(`Created “${name}” with 3 items`);
  await form.getByRole("link", { name: "Open it to generate its runs" }).click();
  await page.waitForURL(/\/queues\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Generate runs" }).click();
  await expect(page.getByText("Started 3 runs")).toBeVisible();
  // The page refreshes itself while runs are outstanding.
  await expect(page.getByTestId("queue-item").filter({ hasText: "done" })).toHaveCount(3, { timeout: 30_000 });
  return page.url().split("/").pop()!;
}

/** Opens the reviewer's next item of a queue from the Review page. */
async function startQueue(page: Page, queueName: string) {
  await page.goto("/review");
  await page.getByTestId("review-queue").filter({ hasText: queueName }).getByRole("button").click();
  await page.waitForURL(/\/review\/items\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("review-workspace")).toBeVisible();
}

const row = (page: Page, id: string) => page.locator(`[data-row="${id}"]`).first();
const saveState = (page: Page) => page.getByTestId("save-status");

/** Rates every predicted item and the overall agreement with one key, confidence with another. */
async function rateAllWithKeys(page: Page, level: string, confidence: string) {
  const items = await page.locator('[data-row^="item-"]').count();
  for (let i = 0; i < items; i += 1) await page.keyboard.press(level);
  await expect(row(page, "overall")).toHaveAttribute("data-focused", "true");
  await page.keyboard.press(level);
  await expect(row(page, "confidence")).toHaveAttribute("data-focused", "true");
  await page.keyboard.press(confidence);
}

/** Rates a queue's next item through the API as `request`'s user (a second rater); returns the run. */
async function rateThroughApi(request: APIRequestContext, baseURL: string, queueId: string, itemValue: number) {
  const { item } = await (await request.get(`/api/queues/${queueId}/next`)).json();
  expect(item).not.toBeNull();
  const run = await (await request.get(`/api/runs/${item.runId}`)).json();
  const response = await request.put(`/api/runs/${item.runId}/ratings/me`, {
    data: {
      kind: "agreement",
      queueItemId: item.queueItemId,
      items: run.items.map((entry: { rank: number }) => ({ rank: entry.rank, value: itemValue })),
      overall: itemValue,
      confidence: 4,
      status: "submitted",
      version: 0,
    },
    // A cookie-authenticated write must show it comes from the app's own origin.
    headers: { origin: baseURL },
  });
  expect(response.status(), await response.text()).toBe(200);
  return item.runId as string;
}

test("the study lead creates an agreement and a rubric queue over demo patients and generates baseline runs", async ({
  signInAs,
}) => {
  test.setTimeout(120_000);
  const page = await signInAs("admin");
  const admin = demoUser("admin").name;
  agreementQueueId = await createQueueThroughForm(page, AGREEMENT_QUEUE, "agreement", [
    demoUser("clinician").name,
    admin,
  ]);
  await createQueueThroughForm(page, RUBRIC_QUEUE, "rubric", [demoUser("annotator").name, admin]);
  await page.goto("/queues");
  await expect(page.getByTestId("queue-row").filter({ hasText: AGREEMENT_QUEUE })).toContainText("agreement");
});

test("a clinician rates with the keyboard only; a failed save survives a reload; submit and next moves on", async ({
  signInAs,
}) => {
  test.setTimeout(120_000);
  const page = await signInAs("clinician");
  const eventRequests: URL[] = [];
  page.on("request", (request) => {
    if (/\/api\/patients\/[^/]+\/(events|trends)/.test(request.url())) eventRequests.push(new URL(request.url()));
  });
  await startQueue(page, AGREEMENT_QUEUE);
  const firstItem = page.url();
  const cutoff = Date.parse((await page.getByTestId("review-workspace").getAttribute("data-cutoff"))!);

  // Every predicted item and the overall: Agree (2, the value stored); then a comment, typed after the c key.
  const items = await page.locator('[data-row^="item-"]').count();
  for (let i = 0; i < items; i += 1) await page.keyboard.press("2");
  await page.keyboard.press("2");
  await page.keyboard.press("c");
  await page.keyboard.type("Plausible next tests.");
  await page.keyboard.press("Escape");
  await expect(saveState(page)).toHaveAttribute("data-state", "saved");

  // The server is unreachable for the next change and the reload: the copy in this browser
  // is all there is, and it comes back.
  await page.route("**/ratings/me", (route) => route.abort());
  await expect(row(page, "confidence")).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("4");
  await expect(saveState(page)).toHaveAttribute("data-state", "offline");
  await page.reload();
  const confidence = row(page, "confidence").getByRole("radio", { name: /High/ });
  await expect(confidence).toHaveAttribute("aria-checked", "true");
  await expect(page.locator("#review-comment")).toHaveValue("Plausible next tests.");
  await expect(saveState(page)).toHaveAttribute("data-state", "offline");
  await page.unroute("**/ratings/me");
  await expect(saveState(page)).toHaveAttribute("data-state", "saved");
  const firstItemRequests = [...eventRequests];

  await page.keyboard.press("s");
  await page.waitForURL((url) => url.href !== firstItem && /\/review\/items\//.test(url.pathname));

  // The second item, once its workspace has replaced the first one's: Disagree (0)
  // throughout, then submit and next again.
  const secondItem = page.url();
  await expect(
    page.locator(`[data-testid="review-workspace"][data-item="${secondItem.split("/").pop()}"]`),
  ).toBeVisible();
  await rateAllWithKeys(page, "0", "2");
  await page.keyboard.press("s");
  await page.waitForURL((url) => url.href !== secondItem);

  // The review page (its embedded timeline included) never asked for anything after the cut-off.
  expect(firstItemRequests.length).toBeGreaterThan(0);
  for (const url of firstItemRequests) {
    expect(Date.parse(url.searchParams.get("to")!), url.href).toBeLessThanOrEqual(cutoff + 1);
  }
});

test("a second session saving a stale version sees the conflict with both versions", async ({
  signInAs,
  browser,
  baseURL,
}) => {
  const page = await signInAs("clinician");
  await startQueue(page, AGREEMENT_QUEUE);
  const url = page.url();
  const other = await browser.newContext();
  try {
    await signInViaApi(other.request, "clinician", baseURL!);
    const second = await other.newPage();
    await second.goto(url);
    await expect(second.getByTestId("review-workspace")).toBeVisible();

    await page.keyboard.press("1");
    await expect(saveState(page)).toHaveAttribute("data-state", "saved");
    await second.keyboard.press("0");
    const dialog = second.getByRole("alertdialog");
    await expect(dialog).toContainText("This rating was changed somewhere else");
    await expect(dialog.getByRole("region", { name: "Saved version" })).toContainText("version 1");
    await expect(dialog.getByRole("region", { name: "Saved version" })).toContainText("Partly");
    await expect(dialog.getByRole("region", { name: "Your version" })).toContainText("Disagree");
    await dialog.getByRole("button", { name: "Use the saved version" }).click();
    await expect(dialog).toBeHidden();
    await expect(saveState(second)).toHaveAttribute("data-state", "saved");
  } finally {
    await other.close();
  }
});

test("an annotator grades the rubric and flags a reasoning step", async ({ signInAs }) => {
  const page = await signInAs("annotator");
  await startQueue(page, RUBRIC_QUEUE);
  const criteria = await page.locator('[data-row^="criterion-"]').count();
  for (let i = 0; i < criteria; i += 1) await page.keyboard.press("4");
  // After the last criterion the form goes to confidence; the reasoning steps come after it.
  await expect(page.locator('[data-focused="true"]')).toHaveAttribute("data-row", "confidence");
  await page.keyboard.press("3");
  await page.keyboard.press("j");
  const step = page.locator('[data-row^="step-"][data-row]').first();
  await expect(page.locator('[data-focused="true"]')).toHaveAttribute("data-row", /^step-/);
  await page.keyboard.press("w");
  await page.keyboard.press("n");
  await page.keyboard.type("The count is not in the record.");
  await page.keyboard.press("Escape");
  await expect(step.getByRole("checkbox", { name: /Wrong fact/ })).toHaveAttribute("aria-checked", "true");
  await expect(saveState(page)).toHaveAttribute("data-state", "saved");
  const graded = page.url();
  await page.keyboard.press("s");
  await page.waitForURL((url) => url.href !== graded);

  await page.goto(graded);
  await expect(page.getByText("Submitted · final")).toBeVisible();
  await expect(page.getByRole("textbox", { name: /Note on step/ }).first()).toHaveValue(
    "The count is not in the record.",
  );
});

test("the progress page shows counts and kappa, and the CSV export downloads and parses", async ({
  signInAs,
  baseURL,
}) => {
  const page = await signInAs("admin");
  // The admin rates the clinician's two items the same way: Agree, then Disagree.
  ratedRunId = await rateThroughApi(page.request, baseURL!, agreementQueueId, 2);
  await rateThroughApi(page.request, baseURL!, agreementQueueId, 0);

  await page.goto(`/stats?queue=${agreementQueueId}`);
  const progress = page.getByTestId("reviewer-progress");
  await expect(progress.getByRole("row", { name: new RegExp(demoUser("clinician").name) })).toContainText("2");
  const overall = page.getByTestId("agreement-table").getByRole("row", { name: /Overall agreement/ });
  await expect(overall).toContainText("100 %");
  await expect(overall.getByRole("cell").nth(3)).toHaveText(/^1\.00/);
  await expect(page.getByTestId("model-agreement")).toContainText("labevents");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^ratings-queue-[0-9a-f]{8}-tidy-\d{8}T\d{6}Z\.csv$/);
  const rows: Record<string, string>[] = parse(readFileSync((await download.path())!, "utf8"), { columns: true });
  const clinicianRows = rows.filter((entry) => entry.rater_role === "clinician");
  expect(clinicianRows.length).toBeGreaterThan(0);
  expect(new Set(rows.map((entry) => entry.status))).toEqual(new Set(["submitted"]));
  expect(rows.find((entry) => entry.criterion === "overall")).toMatchObject({
    backend: "baseline, not EHR-R1",
    task: "labevents",
  });
  expect(clinicianRows.find((entry) => entry.comment)?.comment).toBe("Plausible next tests.");

  const log = await (await page.request.get("/api/admin/access-log?resourceType=export")).json();
  expect(JSON.stringify(log)).toContain(`queue=${agreementQueueId}`);
});

test("blind over HTTP: a clinician sees only their own rating, and asking for another rater's is refused", async ({
  signInAs,
}) => {
  const admin = await signInAs("admin");
  const users = (await (await admin.request.get("/api/admin/users")).json()).users as { id: string; email: string }[];
  const adminId = users.find((user) => user.email === demoUser("admin").email)!.id;
  const clinicianId = users.find((user) => user.email === demoUser("clinician").email)!.id;
  expect((await (await admin.request.get(`/api/runs/${ratedRunId}/ratings`)).json()).ratings).toHaveLength(2);

  const clinician = await signInAs("clinician");
  const own = await clinician.request.get(`/api/runs/${ratedRunId}/ratings`);
  expect((await own.json()).ratings.map((rating: { userId: string }) => rating.userId)).toEqual([clinicianId]);
  const other = await clinician.request.get(`/api/runs/${ratedRunId}/ratings?user=${adminId}`);
  expect(other.status()).toBe(403);
  expect(JSON.stringify(await other.json())).not.toContain("submitted");
});
