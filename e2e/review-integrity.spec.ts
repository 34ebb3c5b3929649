// The review workspace never saves a value the reviewer did not mean (issue 18, bugs 1–5), in
// Chromium against the production build: typed text never rates or submits, Back after
// "Submit and next" shows the submitted rating read-only, the highlighted row is the focused
// row, Likert options leave the item names readable, and the conflict dialog stays usable
// with a long comment.
import type { Page } from "@playwright/test";
import { expect, signInViaApi, test } from "./fixtures";
import { createQueueViaApi, savedRating, startQueue } from "./review-queues";

// The first test makes the queues; each later test finds its queue by name (the test servers
// start on empty databases), so one failing test does not stop the others.
const Q = {
  text: "Integrity: typed text",
  rubric: "Integrity: rubric focus",
  back: "Integrity: back",
  likert: "Integrity: Likert",
  conflict: "Integrity: conflict",
};

const LIKERT_5 = [
  { value: 1, label: "Strongly disagree" },
  { value: 2, label: "Disagree" },
  { value: 3, label: "Neutral" },
  { value: 4, label: "Agree" },
  { value: 5, label: "Strongly agree" },
];

const row = (page: Page, id: string) => page.locator(`[data-row="${id}"]`).first();
const checked = (page: Page) => page.locator('[data-testid="review-workspace"] [aria-checked="true"]');

/** The run of the item the signed-in reviewer holds in a queue (next() resumes the held one). */
async function heldRunId(page: Page, queueName: string): Promise<string> {
  const { queues } = await (await page.request.get("/api/queues")).json();
  const queueId = queues.find((queue: { name: string }) => queue.name === queueName).id;
  const { item } = await (await page.request.get(`/api/queues/${queueId}/next`)).json();
  return item.runId;
}

test("the study lead sets up the queues", async ({ signInAs, baseURL }) => {
  test.setTimeout(180_000);
  const page = await signInAs("admin");
  const make = (key: keyof typeof Q, spec: Omit<Parameters<typeof createQueueViaApi>[2], "name">) =>
    createQueueViaApi(page.request, baseURL!, { name: Q[key], ...spec });
  await make("text", { kind: "agreement", reviewers: ["clinician"], patients: ["90000004"] });
  await make("rubric", { kind: "rubric", reviewers: ["annotator"], patients: ["90000004", "90000005"] });
  await make("back", { kind: "agreement", reviewers: ["clinician"], patients: ["90000006", "90000007"] });
  await make("likert", {
    kind: "agreement",
    reviewers: ["clinician"],
    patients: ["90000008"],
    config: { agreementScale: LIKERT_5 },
  });
  await make("conflict", { kind: "agreement", reviewers: ["clinician"], patients: ["90000009"] });
});

test("bug 1: text typed after n, or into nothing, never rates or submits", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  await startQueue(page, Q.text);
  const itemUrl = page.url();
  const runId = await heldRunId(page, Q.text);

  // No reasoning step to annotate here: n must not leave the note to the shortcuts.
  await page.keyboard.press("n");
  await page.keyboard.type("Potassium was 6.3 mmol/L, see comment");
  // Focus on nothing that accepts text: a click on the page's background, then typing.
  await page.getByTestId("review-workspace").locator("h1").first().click();
  await page.keyboard.type("was 3 s");
  // Shortcuts resumed, a sentence that starts with a digit: the digit is taken back when the words show it was text.
  await page.keyboard.press("Escape");
  await page.keyboard.type("2 more tests needed");

  await expect(checked(page)).toHaveCount(0);
  expect(page.url()).toBe(itemUrl);
  await page.waitForTimeout(1_500); // let any autosave the keys might have caused reach the server
  const rating = await savedRating(page, runId, "agreement");
  expect(rating?.status ?? "draft").toBe("draft");
  expect(rating?.items ?? []).toEqual([]);
  expect(rating?.overall ?? null).toBeNull();
  expect(rating?.confidence ?? null).toBeNull();
});

test("bug 1: in a rubric, n away from a step and then a note rates nothing", async ({ signInAs }) => {
  const page = await signInAs("annotator");
  await startQueue(page, Q.rubric);
  await expect(row(page, "criterion-factual_accuracy")).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("n");
  await page.keyboard.type("was 6.3 so 2 and 4");
  await expect(checked(page)).toHaveCount(0);
});

test("bug 3: the highlighted row is the focused row, and after the last criterion digits go to confidence", async ({
  signInAs,
}) => {
  const page = await signInAs("annotator");
  await startQueue(page, Q.rubric);
  // Tab focus on the second criterion's options: 5 rates that criterion, not the highlighted first one.
  const second = row(page, "criterion-evidence_grounding");
  await second.getByRole("radio").first().focus();
  await expect(second).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("5");
  await expect(second.getByRole("radio", { name: /Excellent/ })).toHaveAttribute("aria-checked", "true");
  await expect(row(page, "criterion-factual_accuracy").locator('[aria-checked="true"]')).toHaveCount(0);

  // Every criterion rated with the keyboard; the next digit is the confidence the form shows next.
  await row(page, "criterion-factual_accuracy").getByRole("radio").first().focus();
  const criteria = await page.locator('[data-row^="criterion-"]').count();
  for (let i = 0; i < criteria - 1; i += 1) await page.keyboard.press("4");
  await expect(row(page, "confidence")).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("2");
  await expect(row(page, "confidence").getByRole("radio", { name: /Low/ }).first()).toHaveAttribute(
    "aria-checked",
    "true",
  );
});

test("bug 2: Back after Submit and next shows the submitted rating, read-only", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  await startQueue(page, Q.back);
  const first = page.url();
  const items = await page.locator('[data-row^="item-"]').count();
  // Agreement keys are the stored values: Disagree 0, Partly 1, Agree 2.
  for (let i = 0; i < items; i += 1) await page.keyboard.press("2");
  await page.keyboard.press("1");
  await page.keyboard.press("4");
  await page.keyboard.press("s");
  await page.waitForURL((url) => url.href !== first && /\/review\/items\//.test(url.pathname));
  await expect(page.getByTestId("review-workspace")).toBeVisible();

  await page.goBack();
  await page.waitForURL(first);
  const workspace = page.getByTestId("review-workspace");
  await expect(workspace).toBeVisible();
  await expect(row(page, "overall").getByRole("radio", { name: /Partly/ })).toHaveAttribute("aria-checked", "true");
  await expect(row(page, "confidence").getByRole("radio", { name: /High/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.locator('[data-row^="item-"] [aria-checked="true"]')).toHaveCount(items);
  // Read-only: keys change nothing, no conflict is raised.
  await expect(row(page, "overall").getByRole("radio", { name: /Partly/ })).toBeDisabled();
  await page.keyboard.press("1");
  await page.waitForTimeout(1_200);
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(row(page, "overall").getByRole("radio", { name: /Partly/ })).toHaveAttribute("aria-checked", "true");
});

test("bug 4: Likert options leave the item names readable and show “5 Strongly agree” whole", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  await startQueue(page, Q.likert);
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 800 });
    const itemRows = page.locator('[data-row^="item-"]');
    const count = await itemRows.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) {
      const label = itemRows.nth(i).locator("[title]").first();
      // The whole name is visible: not clipped, not squeezed to nothing.
      const clipped = await label.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
      expect(clipped, `item ${i + 1} name clipped at ${width}px`).toBe(false);
      const box = (await label.boundingBox())!;
      expect(box.width, `item ${i + 1} name width at ${width}px`).toBeGreaterThan(60);
    }
    const strongly = itemRows.first().getByRole("radio", { name: /Strongly agree/ });
    const fits = await strongly.evaluate((element) => {
      const own = element.getBoundingClientRect();
      const group = element.closest("[data-row]")!.getBoundingClientRect();
      return element.scrollWidth <= element.clientWidth + 1 && own.right <= group.right + 0.5 && own.left >= group.left;
    });
    expect(fits, `“5 Strongly agree” cut off at ${width}px`).toBe(true);
  }
});

test("bug 5: the conflict dialog with a long comment scrolls inside, and its buttons stay reachable", async ({
  signInAs,
  browser,
  baseURL,
}) => {
  const page = await signInAs("clinician");
  await startQueue(page, Q.conflict);
  const url = page.url();
  const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await signInViaApi(other.request, "clinician", baseURL!);
    const second = await other.newPage();
    await second.goto(url);
    await expect(second.getByTestId("review-workspace")).toBeVisible();

    const long = Array.from({ length: 80 }, (_, i) => `Line ${i + 1} of a long comment about the record.`).join("\n");
    await page.locator("#review-comment").fill(long);
    await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
    await second.locator("#review-comment").fill(`${long}\nAnd one more from the second tab.`);
    const dialog = second.getByRole("alertdialog");
    await expect(dialog).toContainText("This rating was changed somewhere else");

    const keep = dialog.getByRole("button", { name: /Keep mine/ });
    const take = dialog.getByRole("button", { name: "Use the saved version" });
    await expect(keep).toBeInViewport();
    await expect(take).toBeInViewport();
    // The wheel over the dialog scrolls the dialog, never the page behind it.
    const before = await second.evaluate(() => window.scrollY);
    const box = (await dialog.boundingBox())!;
    await second.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await second.mouse.wheel(0, 2_000);
    await second.waitForTimeout(300);
    expect(await second.evaluate(() => window.scrollY)).toBe(before);
    // Over the backdrop too.
    await second.mouse.move(5, 5);
    await second.mouse.wheel(0, 2_000);
    await second.waitForTimeout(300);
    expect(await second.evaluate(() => window.scrollY)).toBe(before);
    await expect(keep).toBeInViewport();
    await take.click();
    await expect(dialog).toBeHidden();
  } finally {
    await other.close();
  }
});
