// The keyboard-only review flow, counted (issue 18's quality bar): an agreement item with 3
// predicted items in at most 6 keys, a rubric grading (with one reasoning step flagged) in at
// most 10, a skip in 2. Each flow must complete (the rating submitted, the item skipped) with
// the keys counted; the counts are printed for docs/reviews.md. Also "Item N of M", previous and
// next through one's own items, and editing a submitted rating that is not final.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createQueueViaApi, savedRating, startQueue } from "./review-queues";

const Q = {
  agreement: "Keys: agreement",
  rubric: "Keys: rubric",
  skip: "Keys: skip",
  navigation: "Keys: navigation",
};

/** Presses keys one at a time, counting them. */
function keyCounter(page: Page) {
  let count = 0;
  return {
    press: async (...keys: string[]) => {
      for (const key of keys) {
        await page.keyboard.press(key);
        count += 1;
      }
    },
    get count() {
      return count;
    },
  };
}

async function queueIdOf(page: Page, name: string): Promise<string> {
  const { queues } = await (await page.request.get("/api/queues")).json();
  return queues.find((queue: { name: string }) => queue.name === name).id;
}

async function heldRunId(page: Page, queueName: string): Promise<string> {
  const { item } = await (await page.request.get(`/api/queues/${await queueIdOf(page, queueName)}/next`)).json();
  return item.runId;
}

const counts: Record<string, number> = {};

test("the study lead sets up the keyboard queues", async ({ signInAs, baseURL }) => {
  test.setTimeout(180_000);
  const page = await signInAs("admin");
  const make = (key: keyof typeof Q, spec: Omit<Parameters<typeof createQueueViaApi>[2], "name">) =>
    createQueueViaApi(page.request, baseURL!, { name: Q[key], ...spec });
  // The fake EHR-R1 backend of the test server predicts exactly 3 items.
  await make("agreement", { kind: "agreement", reviewers: ["clinician"], patients: ["90000010"], backendId: "ehr-r1" });
  await make("rubric", { kind: "rubric", reviewers: ["annotator"], patients: ["90000010"] });
  await make("skip", { kind: "agreement", reviewers: ["clinician"], patients: ["90000011"] });
  await make("navigation", {
    kind: "agreement",
    reviewers: ["clinician"],
    patients: ["90000001", "90000002", "90000003"],
  });
});

test("keys: an agreement item with 3 predicted items takes 6 keys", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  await startQueue(page, Q.agreement);
  await expect(page.locator('[data-row^="item-"]')).toHaveCount(3);
  const runId = await heldRunId(page, Q.agreement);
  const item = page.url();
  const keys = keyCounter(page);
  await keys.press("2", "2", "1"); // the three predicted items (Agree 2, Partly 1: the stored values)
  await keys.press("2"); // overall agreement
  await keys.press("4"); // confidence
  await keys.press("s"); // submit and next
  await page.waitForURL((url) => url.href !== item);
  const rating = await savedRating(page, runId, "agreement");
  expect(rating).toMatchObject({ status: "submitted", overall: 2, confidence: 4 });
  expect(rating!.items.map((entry) => entry.value)).toEqual([2, 2, 1]);
  counts.agreement = keys.count;
  expect(keys.count).toBeLessThanOrEqual(6);
});

test("keys: a rubric grading with one step flagged takes at most 10 keys", async ({ signInAs }) => {
  const page = await signInAs("annotator");
  await startQueue(page, Q.rubric);
  const runId = await heldRunId(page, Q.rubric);
  const item = page.url();
  const criteria = await page.locator('[data-row^="criterion-"]').count();
  const keys = keyCounter(page);
  for (let i = 0; i < criteria; i += 1) await keys.press("4");
  await keys.press("3"); // confidence, where the form goes after the last criterion
  await keys.press("j", "w"); // down to the first reasoning step, flag it a wrong fact
  await keys.press("s");
  await page.waitForURL((url) => url.href !== item);
  const rating = await savedRating(page, runId, "rubric");
  expect(rating).toMatchObject({ status: "submitted", confidence: 3 });
  expect(Object.values(rating!.rubric)).toEqual(Array(criteria).fill(4));
  counts.rubric = keys.count;
  expect(keys.count).toBeLessThanOrEqual(10);
});

test("keys: skipping an item takes 2 keys and hands it back to the pool", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  await startQueue(page, Q.skip);
  const keys = keyCounter(page);
  await keys.press("x", "2"); // skip: not my specialty
  await page.waitForURL(/\/review\?finished=/);
  const queueId = await queueIdOf(page, Q.skip);
  const { queues } = await (await page.request.get("/api/queues")).json();
  expect(queues.find((queue: { id: string }) => queue.id === queueId).mine).toEqual({
    submitted: 0,
    skipped: 1,
    remaining: 0,
  });
  counts.skip = keys.count;
  expect(keys.count).toBeLessThanOrEqual(2);
  console.log(
    `key counts: agreement item with 3 predicted items ${counts.agreement ?? "—"}, rubric grading ${counts.rubric ?? "—"}, skip ${counts.skip}`,
  );
});

test("Item N of M, previous and next through one's own items, and editing a submitted rating", async ({ signInAs }) => {
  const page = await signInAs("clinician");
  await startQueue(page, Q.navigation);
  const first = page.url();
  await expect(page.getByTestId("item-position")).toHaveText("Item 1 of 3");
  const items = await page.locator('[data-row^="item-"]').count();
  for (let i = 0; i < items; i += 1) await page.keyboard.press("2");
  await page.keyboard.press("2");
  await page.keyboard.press("5");
  await page.keyboard.press("s");
  await page.waitForURL((url) => url.href !== first && /\/review\/items\//.test(url.pathname));
  const second = page.url();
  await expect(page.getByTestId("item-position")).toHaveText("Item 2 of 3");

  // [ goes back to one's previous item: submitted, read-only, its values shown.
  await page.keyboard.press("[");
  await page.waitForURL(first);
  await expect(page.getByTestId("item-position")).toHaveText("Item 1 of 3");
  const overall = page.locator('[data-row="overall"]');
  await expect(overall.getByRole("radio", { name: /Agree/ })).toHaveAttribute("aria-checked", "true");
  await expect(overall.getByRole("radio", { name: /Agree/ })).toBeDisabled();

  // e edits it (the queue does not make ratings final); the change is saved, still submitted.
  const runId = (await (await page.request.get(`/api/queues/${await queueIdOf(page, Q.navigation)}/next`)).json()).item
    .runId;
  expect(runId).toBeTruthy();
  await page.keyboard.press("e");
  await overall.getByRole("radio", { name: /Partly/ }).click();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  await expect(overall.getByRole("radio", { name: /Partly/ })).toHaveAttribute("aria-checked", "true");

  // ] goes to one's next item: the held second one.
  await page.keyboard.press("]");
  await page.waitForURL(second);
  await expect(page.getByTestId("item-position")).toHaveText("Item 2 of 3");
  await page.keyboard.press("[");
  await page.waitForURL(first);
  await expect(overall.getByRole("radio", { name: /Partly/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText("Submitted. Shown read-only.")).toBeVisible();
});
