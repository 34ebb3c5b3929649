// Queue management in Chromium, as a study lead and a reviewer would do it: edit a queue's
// name, guidelines and reviewers; add items; the reviewer reads the guidelines beside the item
// (Markdown, raw HTML shown as text) and flags the item; the study lead sees the flag on the
// queue and Compare pages and resolves it; archiving takes the queue away from reviewers and
// from the default list. The states opened here (forms, panels, flags) are checked for
// sideways scroll at 768 px and 1280x800 and for serious axe violations in both themes.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signInViaApi, test } from "./fixtures";
import { createQueueViaApi, startQueue } from "./review-queues";

const STAMP = Date.now().toString(36);

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** The page as it is now: no sideways scroll at 768 px and 1280x800, no serious axe violation in either theme. */
async function checkLayoutAndAxe(page: Page, what: string) {
  const failures: string[] = [];
  for (const [width, height] of [
    [768, 1024],
    [1280, 800],
  ]) {
    await page.setViewportSize({ width, height });
    const sizes = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(sizes.scroll, `${what} at ${width} px scrolls sideways`).toBeLessThanOrEqual(sizes.client);
  }
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
    for (const violation of await seriousViolations(page)) failures.push(`${what} (${theme}): ${violation}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
  expect(failures).toEqual([]);
}

test("a study lead edits a queue, adds items, sees and resolves a reviewer's flag, and archives it", async ({
  page,
  signInAs,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const name = `Managed ${STAMP}`;
  const renamed = `Managed renamed ${STAMP}`;
  await signInAs("admin");
  const queueId = await createQueueViaApi(page.request, baseURL!, {
    name,
    kind: "agreement",
    reviewers: ["clinician"],
    patients: ["90000001"],
  });

  // Edit: name, guidelines (Markdown with raw HTML that must show as text), one more reviewer.
  await page.goto(`/queues/${queueId}`);
  await page.getByText("Edit queue").click();
  const edit = page.getByRole("form", { name: "Edit queue" });
  await edit.getByLabel("Name").fill(renamed);
  await edit
    .getByLabel(/Guidelines for reviewers/)
    .fill("## Scope\n\n- Rate **only** the lab tests\n- <b>raw html</b> stays text\n");
  await edit.getByRole("checkbox", { name: /Ann Annotator/ }).check();
  await checkLayoutAndAxe(page, "queue page, edit form open");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("status")).toContainText("1 reviewer(s) added");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(renamed);
  await expect(page.getByText(/^Reviewers: /)).toContainText("Ann Annotator");

  // Add items: one more patient × the queue's task, after the first item.
  await page.getByText("Add items", { exact: true }).first().click();
  const addForm = page.getByRole("form", { name: "Add items" });
  await addForm.getByLabel("Filter patients by id").fill("90000002");
  await addForm.getByRole("checkbox", { name: /90000002/ }).check();
  await addForm.getByRole("checkbox", { name: "Next laboratory tests" }).check();
  await checkLayoutAndAxe(page, "queue page, add-items form open");
  await addForm.getByRole("button", { name: "Add items" }).click();
  await expect(addForm.getByRole("status")).toContainText("Added 1 item(s); the queue now has 2");
  await expect(page.getByTestId("queue-item")).toHaveCount(2);
  await expect(page.getByTestId("queue-item").nth(1)).toContainText("90000002");

  // The reviewer: guidelines beside the item, then a flag with a note.
  await page.context().clearCookies();
  await signInViaApi(page.request, "clinician", baseURL!);
  await startQueue(page, renamed);
  const itemId = page.url().split("/").pop()!;
  const guidelines = page.getByTestId("guidelines-panel");
  await guidelines.getByText("Guidelines").click();
  await expect(guidelines.getByRole("heading", { name: "Scope" })).toBeVisible();
  await expect(guidelines.locator("strong")).toHaveText("only");
  await expect(guidelines).toContainText("<b>raw html</b> stays text");
  await expect(guidelines.locator("b")).toHaveCount(0);
  await page.getByRole("button", { name: "Flag for the study lead" }).click();
  // Typed into the note, "s" and digits neither submit nor rate.
  await page.getByLabel(/Note for the study lead/).fill("record seems truncated after 3 s");
  await checkLayoutAndAxe(page, "review item, guidelines and flag form open");
  await page.getByRole("button", { name: "Send flag" }).click();
  await expect(page.getByTestId("own-flags")).toContainText("record seems truncated after 3 s");
  await expect(page.getByTestId("own-flags")).toContainText("open");
  const mine = await (await page.request.get(`/api/queues/${queueId}/next`)).json();
  expect(mine.item.queueItemId, "the flag neither rated nor skipped the item").toBe(itemId);

  // The study lead sees the flag on the queue page and on the item's Compare page, and resolves it.
  await page.context().clearCookies();
  await signInViaApi(page.request, "admin", baseURL!);
  await page.goto(`/queues/${queueId}`);
  const flag = page.getByTestId("queue-flag");
  await expect(flag).toHaveCount(1);
  await expect(flag).toContainText("Chris Clinician");
  await expect(flag).toContainText("record seems truncated after 3 s");
  await expect(flag).toContainText("Open");
  await checkLayoutAndAxe(page, "queue page with a flag");
  await page.goto(`/queues/${queueId}/items/${itemId}`);
  await expect(page.getByTestId("queue-flag")).toContainText("record seems truncated after 3 s");
  await page.getByRole("button", { name: "Mark resolved" }).click();
  await expect(page.getByTestId("queue-flag")).toContainText("Resolved by Ada Admin");
  await checkLayoutAndAxe(page, "compare page with a resolved flag");

  // Archive: out of the default list and the reviewer's Review page; next() hands out nothing.
  await page.goto(`/queues/${queueId}`);
  await page.getByRole("button", { name: "Archive queue" }).click();
  await expect(page.getByTestId("queue-archived")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen queue" })).toBeVisible();
  await page.goto("/queues");
  await expect(page.getByTestId("queue-row").filter({ hasText: renamed })).toHaveCount(0);
  await page.getByRole("link", { name: "Show archived queues" }).click();
  await expect(page.getByTestId("queue-row").filter({ hasText: renamed })).toContainText("archived");
  // Its data stays: the export still has the item's flag.
  const exported = await (await page.request.get(`/api/export/ratings.csv?queue=${queueId}`)).text();
  expect(exported).toContain("record seems truncated after 3 s");

  await page.context().clearCookies();
  await signInViaApi(page.request, "clinician", baseURL!);
  await page.goto("/review");
  await expect(page.getByTestId("review-queue").filter({ hasText: renamed })).toHaveCount(0);
  expect((await page.request.get(`/api/queues/${queueId}/next`)).status()).toBe(404);
});
