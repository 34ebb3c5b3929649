// The queue form (issue 18) in Chromium against the production build and the demo cohort:
// the study lead searches patients (all matching a prefix, then two by keyboard), ticks two
// tasks, builds a rubric in the editor (a wrong key is marked beside its field), sees the
// item count the server previews, and gets a queue of 2 patients × 2 tasks with that rubric.
// EHR-R1 is the default backend; the form is usable at 768 px and 1280x800 without sideways
// scroll and without serious axe violations in either theme.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { demoUser, expect, test } from "./fixtures";
import { addPatientsBySearch, chooseTasks } from "./queue-form";

const NAME = `Form-built rubric ${Date.now().toString(36)}`;

async function noSidewaysScroll(page: Page, width: number) {
  await page.setViewportSize({ width, height: width === 768 ? 1024 : 800 });
  const sizes = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(sizes.scroll, `the queue form at ${width} px`).toBeLessThanOrEqual(sizes.client);
  await page
    .getByRole("form", { name: "Create a queue" })
    .screenshot({ path: `test-results/queue-form/form-${width}.png` });
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .include("form[aria-label='Create a queue']")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

test("the study lead builds a queue of 2 searched patients × 2 tasks with a rubric made in the editor", async ({
  signInAs,
}) => {
  test.setTimeout(120_000);
  const page = await signInAs("admin");
  await page.goto("/queues");
  const form = page.getByRole("form", { name: "Create a queue" });
  // The EHR-R1 backend (the fake one this suite configures) is the default.
  await expect(form.getByLabel("Backend", { exact: true })).toHaveValue("ehr-r1");
  await form.getByLabel("Name").fill(NAME);
  await form.getByLabel("rubric", { exact: true }).check();
  await form.getByLabel("Reviewers per item").fill("1");
  await form.getByLabel(demoUser("clinician").name).check();

  // Patients: everyone matching a prefix at once, then start over with two, by keyboard.
  const search = form.getByLabel("Find patients");
  const results = form.getByRole("list", { name: "Matching patients" }).getByRole("button");
  const chips = form.getByRole("list", { name: "Chosen patients" }).getByRole("listitem");
  await search.fill("9000000");
  const addAll = form.getByRole("button", { name: /^Add all \d+ matching$/ });
  await expect(addAll).toBeEnabled();
  const matching = Number((await addAll.textContent())!.match(/\d+/)![0]);
  expect(matching).toBeGreaterThanOrEqual(3);
  await addAll.click();
  await expect(chips).toHaveCount(matching);
  await expect(form.getByText(`Patients (${matching})`)).toBeVisible();
  await form.getByRole("button", { name: "Remove all" }).click();
  await expect(chips).toHaveCount(0);

  // The list shows the last search's results until the new one arrives: wait for the match.
  await search.fill("90000001");
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText("90000001");
  await search.press("Enter"); // the one match is added, the form is not submitted
  await search.fill("90000002");
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText("90000002");
  await search.press("ArrowDown");
  await expect(results.first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(results.first()).toHaveAttribute("aria-pressed", "true");
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(0)).toContainText("90000001");
  await expect(chips.nth(1)).toContainText("90000002");
  // A chip's × removes it; the search result adds it back.
  await form.getByRole("button", { name: "Remove 90000002" }).click();
  await expect(chips).toHaveCount(1);
  await results.first().click();
  await expect(chips).toHaveCount(2);

  await chooseTasks(form, ["Next laboratory tests", "In-hospital mortality"]);
  await expect(form.getByText("Tasks (2)")).toBeVisible();
  await expect(form.getByTestId("queue-preview-summary")).toHaveText(
    "The queue will have 4 items (every patient × task pair can make one).",
  );

  // The rubric: keep the first default criterion, add one, mark a wrong key, fix it, move it up.
  for (let n = 5; n >= 2; n -= 1)
    await form.getByRole("button", { name: `Remove criterion ${n}`, exact: true }).click();
  await form.getByRole("button", { name: "+ Add criterion" }).click();
  const added = form.getByRole("group", { name: "Criterion 2", exact: true });
  const key = added.getByLabel("Key");
  await key.fill("Diagnosis fit");
  await expect(key).toHaveAttribute("aria-invalid", "true");
  await expect(added.getByText(/criterion keys are lower-case letters/)).toBeVisible();
  // Submitting with an error in the rubric is refused, and says where to look.
  await form.getByRole("button", { name: "Create queue" }).click();
  await expect(form.getByRole("alert")).toHaveText("The rubric has 1 error: see the marked fields.");
  await key.fill("diagnosis_fit");
  await expect(key).not.toHaveAttribute("aria-invalid");
  await added.getByLabel("Label", { exact: true }).fill("Diagnosis fit");
  await added.getByLabel("Description").fill("Does the diagnosis fit the record?");
  await added.getByLabel("Criterion 2 level 1 label").fill("Does not fit");
  await added.getByLabel("Criterion 2 level 3 label").fill("Fits");
  await added.getByRole("button", { name: "Remove criterion 2 level 2" }).click();
  await added.getByRole("button", { name: "Move criterion 2 up", exact: true }).click();
  await expect(form.getByRole("group", { name: "Criterion 1", exact: true }).getByLabel("Key")).toHaveValue(
    "diagnosis_fit",
  );

  // The advanced view shows the same rubric as JSON.
  await form.getByRole("button", { name: "Advanced: JSON" }).click();
  const json = JSON.parse(await form.getByLabel("Rubric JSON").inputValue()) as { key: string }[];
  expect(json.map((criterion) => criterion.key)).toEqual(["diagnosis_fit", "factual_accuracy"]);
  await form.getByRole("button", { name: "Editor" }).click();

  // Usable at both sizes, no sideways scroll, no serious axe violations in either theme.
  for (const width of [768, 1280]) await noSidewaysScroll(page, width);
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
    expect(await seriousViolations(page), theme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });

  await form.getByRole("button", { name: "Create queue" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Created" })).toContainText(
    `Created “${NAME}” with 4 items.`,
  );
  await form.getByRole("link", { name: "Open it to generate its runs" }).click();
  await page.waitForURL(/\/queues\/[0-9a-f-]{36}$/);
  const queueId = page.url().split("/").pop()!;
  await expect(page.getByTestId("queue-item")).toHaveCount(4);

  const codebook = (await (await page.request.get(`/api/export/codebook.json?queue=${queueId}`)).json()) as {
    criteria: { criterion: string; label: string; values: { value: number; label: string; definition: string }[] }[];
  };
  expect(codebook.criteria.slice(0, 2).map(({ criterion, label, values }) => ({ criterion, label, values }))).toEqual([
    {
      criterion: "diagnosis_fit",
      label: "Diagnosis fit",
      values: [
        { value: 1, label: "Does not fit", definition: "" },
        { value: 3, label: "Fits", definition: "" },
      ],
    },
    expect.objectContaining({ criterion: "factual_accuracy", label: "Factual accuracy" }),
  ]);
});

test("before submitting, the form names each (patient, task) pair that cannot make an item, with the server's reason", async ({
  signInAs,
  baseURL,
}) => {
  const page = await signInAs("admin");
  // A pair of the demo cohort that cannot make an item, as the server reports it.
  const { patients } = (await (await page.request.get("/api/patients?q=9000000&limit=50")).json()) as {
    patients: { id: string; externalId: string }[];
  };
  const { tasks } = (await (await page.request.get("/api/tasks")).json()) as {
    tasks: { key: string; title: string; available: boolean }[];
  };
  const available = tasks.filter((task) => task.available);
  const response = await page.request.post("/api/queues/preview", {
    data: { selection: { patientIds: patients.map((p) => p.id), taskKeys: available.map((t) => t.key) } },
    headers: { origin: baseURL! },
  });
  expect(response.status(), await response.text()).toBe(200);
  const { skipped } = (await response.json()) as { skipped: { patientId: string; taskKey: string; reason: string }[] };
  const pair = skipped.find((skip) => skip.taskKey !== "labevents");
  expect(pair, "the demo cohort has a patient × task pair that cannot make an item").toBeDefined();
  const patient = patients.find((p) => p.id === pair!.patientId)!;
  const task = available.find((t) => t.key === pair!.taskKey)!;

  await page.goto("/queues");
  const form = page.getByRole("form", { name: "Create a queue" });
  await form.getByLabel("Name").fill(`Skips ${Date.now().toString(36)}`);
  await form.getByLabel("Reviewers per item").fill("1");
  await form.getByLabel(demoUser("clinician").name).check();
  await addPatientsBySearch(form, [patient.externalId]);
  await chooseTasks(form, [task.title]);
  await expect(form.getByTestId("queue-preview-summary")).toHaveText(
    "The queue will have 0 items of 1 patient × task pair; 1 cannot make an item:",
  );
  await expect(form.getByTestId("queue-preview-skip")).toHaveText(
    `${patient.externalId} × ${task.title}: ${pair!.reason}`,
  );
  // With a task the record can answer, the queue gets its one item and still names the other.
  await chooseTasks(form, ["Next laboratory tests"]);
  await expect(form.getByTestId("queue-preview-summary")).toHaveText(
    "The queue will have 1 item of 2 patient × task pairs; 1 cannot make an item:",
  );
  await expect(form.getByTestId("queue-preview-skip")).toHaveCount(1);
  await form.getByRole("button", { name: "Create queue" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Created" })).toContainText(
    `with 1 item (1 skipped: ${pair!.reason})`,
  );
});
