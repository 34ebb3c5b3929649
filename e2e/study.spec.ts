// What the study lead and the statistician get (issue 18), in Chromium against the production
// build: a pairwise queue of the baseline against the (fake) EHR-R1 backend; blind raters see
// no backend anywhere before they rate (runs list, runs API, run page); the queue form moves
// backend B off backend A; the queue page names A and B; on the Compare page the study lead
// sees each rater's left side and the model named once, sets a final label and moves to the
// next disagreement; Progress and agreement shows win rates; the export carries the final
// label and comes with its codebook. Screenshots of each page go to test-results/study/.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { APIRequestContext, Page } from "@playwright/test";
import { demoUser, expect, signInViaApi, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const QUEUE = `Pairwise study e2e ${Date.now().toString(36)}`;
let queueId = "";
let runIds: string[] = [];
let modelBackend = { id: "", name: "" };

const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: `test-results/study/${name}.png`, fullPage });

async function json<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<T> {
  expect(response.ok(), `${response.url()}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** A pairwise rating through the API, as the signed-in user, of the next item they are given. */
async function ratePairwise(request: APIRequestContext, baseURL: string, overall: "A" | "B" | "tie") {
  const { item } = await json<{ item: { queueItemId: string; runId: string } | null }>(
    await request.get(`/api/queues/${queueId}/next`),
  );
  expect(item).not.toBeNull();
  const response = await request.put(`/api/runs/${item!.runId}/ratings/me`, {
    data: {
      kind: "pairwise",
      queueItemId: item!.queueItemId,
      rubric: { overall, correctness: "tie", reasoning: overall },
      confidence: 3,
      status: "submitted",
      version: 0,
    },
    headers: { origin: baseURL },
  });
  expect(response.status(), await response.text()).toBe(200);
  return item!.queueItemId;
}

test("the study lead builds a pairwise queue of the baseline against EHR-R1 and generates its runs", async ({
  signInAs,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const page = await signInAs("admin");
  const { backends } = await json<{ backends: { id: string; name: string }[] }>(
    await page.request.get("/api/backends"),
  );
  modelBackend = backends.find((backend) => backend.id !== "baseline")!;
  expect(modelBackend).toBeDefined();

  // The queue form: EHR-R1 is backend A by default, B another backend; choosing A moves B's
  // default to another backend.
  await page.goto("/queues");
  const form = page.getByRole("form", { name: "Create a queue" });
  await form.getByLabel("pairwise", { exact: true }).check();
  await expect(form.getByLabel("Backend A")).toHaveValue(modelBackend.id);
  await expect(form.getByLabel("Backend B")).toHaveValue("baseline");
  await form.getByLabel("Backend A").selectOption("baseline");
  await expect(form.getByLabel("Backend B")).toHaveValue(modelBackend.id);
  await form.getByLabel("Backend A").selectOption(modelBackend.id);
  await expect(form.getByLabel("Backend B")).toHaveValue("baseline");

  const { users } = await json<{ users: { id: string; email: string }[] }>(await page.request.get("/api/admin/users"));
  const memberIds = ["admin", "clinician"].map(
    (role) => users.find((user) => user.email === demoUser(role as "admin").email)!.id,
  );
  // Two demo patients with lab results, by id: the first two of the list change as other
  // tests import patients (a FHIR patient without labs would be skipped, leaving one item).
  const patients: { id: string }[] = [];
  for (const externalId of ["90000010", "90000011"]) {
    const found = await json<{ patients: { id: string; externalId: string }[] }>(
      await page.request.get(`/api/patients?q=${externalId}`),
    );
    patients.push(found.patients.find((patient) => patient.externalId === externalId)!);
  }
  const created = await page.request.post("/api/queues", {
    data: {
      name: QUEUE,
      kind: "pairwise",
      reviewersPerItem: 2,
      memberIds,
      selection: {
        patientIds: patients.map((patient) => patient.id),
        taskKeys: ["labevents"],
        backendId: "baseline",
        backendBId: modelBackend.id,
      },
    },
    headers: { origin: baseURL! },
  });
  expect(created.status(), await created.text()).toBe(201);
  const body = (await created.json()) as { queue: { id: string; items: number }; skipped: unknown[] };
  expect(body.skipped).toEqual([]);
  expect(body.queue.items).toBe(2);
  queueId = body.queue.id;
  expect(
    (await page.request.post(`/api/queues/${queueId}/runs`, { data: {}, headers: { origin: baseURL! } })).status(),
  ).toBe(202);

  await page.goto(`/queues/${queueId}`);
  await expect(page.getByTestId("pairwise-backends")).toContainText("Run A: Baseline (not EHR-R1)");
  await expect(page.getByTestId("pairwise-backends")).toContainText(`Run B: ${modelBackend.name}`);
  await expect(page.getByTestId("queue-item").filter({ hasText: "done / done" })).toHaveCount(2, {
    timeout: 120_000,
  });
  await shot(page, "queue-page");
  const { runs } = await json<{ runs: { id: string }[] }>(await page.request.get(`/api/runs?limit=200`));
  runIds = runs.map((run) => run.id);
});

test("a blind rater sees no backend before rating: not in the runs list, the runs API or the run page", async ({
  signInAs,
}) => {
  const page = await signInAs("clinician");
  const { runs } = await json<{
    runs: { id: string; backend: { id: string }; durationMs: number | null; finishedAt: string | null }[];
  }>(await page.request.get("/api/runs?limit=200"));
  const queueRuns = runs.filter((run) => runIds.includes(run.id) && run.backend.id === "blinded");
  expect(queueRuns.length).toBeGreaterThanOrEqual(4);
  for (const run of queueRuns) {
    // The same for every blind run, whichever backend made it; no timing to tell them apart.
    expect(run).toMatchObject({
      backend: { id: "blinded", label: "Hidden until you have rated", model: null, isBaseline: false },
      durationMs: null,
      finishedAt: null,
    });
    expect(Object.values(run.backend).join(" ")).not.toMatch(/EHR-R1|Baseline \(/);
  }
  // Filtering by backend does not sort the blind runs out.
  const filtered = await json<{ runs: { id: string }[] }>(await page.request.get("/api/runs?backend=baseline"));
  expect(filtered.runs.map((run) => run.id)).not.toContain(queueRuns[0].id);

  await page.goto("/runs");
  for (const run of queueRuns) {
    const row = page
      .getByTestId("runs-table")
      .getByRole("row")
      .filter({ has: page.locator(`a[href="/runs/${run.id}"]`) });
    await expect(row).toContainText("Hidden until you have rated");
    await expect(row).not.toContainText(/Baseline|EHR-R1/);
  }
  await shot(page, "runs-list-blind");

  for (const run of queueRuns.slice(0, 4)) {
    const detail = await json<{ usage: unknown; reasoning: string; isBlinded: boolean }>(
      await page.request.get(`/api/runs/${run.id}`),
    );
    expect(detail).toMatchObject({ usage: null, isBlinded: true });
    expect(detail.reasoning).not.toMatch(/baseline|EHR-R1/i);
  }
  await page.goto(`/runs/${queueRuns[0].id}`);
  const facts = page.getByTestId("run-facts");
  await expect(facts).toContainText("hidden until you have rated");
  await expect(page.getByRole("main")).not.toContainText(/Computed by the built-in baseline|Baseline \(not EHR-R1\)/);
  await shot(page, "run-page-blind");
});

test("adjudication: the study lead sees who had which side, sets the final label, moves to the next disagreement", async ({
  signInAs,
  baseURL,
  browser,
}) => {
  const admin = await signInAs("admin");
  const clinicianContext = await browser.newContext();
  try {
    await signInViaApi(clinicianContext.request, "clinician", baseURL!);
    // The clinician prefers B throughout, the study lead A: both items disagree on "overall".
    const rated: string[] = [];
    for (let i = 0; i < 2; i += 1) rated.push(await ratePairwise(clinicianContext.request, baseURL!, "B"));
    for (let i = 0; i < 2; i += 1) await ratePairwise(admin.request, baseURL!, "A");

    await admin.goto(`/queues/${queueId}/items/${rated[0]}`);
    // The model named once per run, not "name (model) (model)".
    const main = admin.getByRole("main");
    await expect(main).toContainText(modelBackend.name);
    expect(await main.textContent()).not.toContain(`${modelBackend.name} (`);
    await expect(admin.getByTestId("presented-left")).toHaveCount(2);
    for (const cell of await admin.getByTestId("presented-left").all()) {
      await expect(cell).toHaveText(/^saw (A|B) on the left$/);
    }
    await shot(admin, "compare-before", true);

    const overall = admin.getByTestId("final-label").and(admin.locator('[data-criterion="overall"]'));
    await overall.getByLabel("Final label: Overall", { exact: true }).selectOption("A");
    await overall.getByLabel("Note on the final label: Overall").fill("A cites the record");
    await overall.getByRole("button", { name: "Save" }).click();
    await expect(overall).toContainText(`set by ${demoUser("admin").name}`);
    await shot(admin, "compare-after", true);

    await admin.getByTestId("next-disagreement").click();
    await admin.waitForURL(new RegExp(`/queues/${queueId}/items/${rated[1]}$`));

    await admin.goto(`/stats?queue=${queueId}`);
    const overallRate = admin.getByTestId("win-rates").getByRole("row", { name: /Overall/ });
    await expect(overallRate).toContainText("50 %");
    await shot(admin, "stats-win-rates", true);

    await admin.goto(`/queues/${queueId}`);
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("export-csv").click()]);
    const rows: Record<string, string>[] = parse(readFileSync((await download.path())!, "utf8"), { columns: true });
    const decided = rows.filter((row) => row.item_id === rated[0] && row.criterion === "overall");
    expect(decided.map((row) => [row.final_value, row.final_note])).toEqual([
      ["A", "A cites the record"],
      ["A", "A cites the record"],
    ]);
    expect(new Set(rows.map((row) => row.backend_b_id))).toEqual(new Set([modelBackend.id]));
    expect(rows.every((row) => Number(row.item_position) >= 1)).toBe(true);

    const [codebookDownload] = await Promise.all([
      admin.waitForEvent("download"),
      admin.getByTestId("export-codebook-json").click(),
    ]);
    const codebook = JSON.parse(readFileSync((await codebookDownload.path())!, "utf8"));
    expect(codebook.columns.map((column: { name: string }) => column.name)).toEqual(Object.keys(rows[0]));
    expect(codebook.criteria.map((criterion: { criterion: string }) => criterion.criterion)).toContain("overall");
  } finally {
    await clinicianContext.close();
  }
});
