// The queue form's patient search and task list as the e2e tests drive them: patients are
// added by typing their id and picking the result, tasks are ticked by title.
import { expect, type Locator } from "@playwright/test";

/** Adds each patient by searching its id and clicking its result; checks its chip appears. */
export async function addPatientsBySearch(form: Locator, externalIds: readonly string[]) {
  const search = form.getByLabel("Find patients");
  const chips = form.getByRole("list", { name: "Chosen patients" });
  for (const externalId of externalIds) {
    await search.fill(externalId);
    const result = form
      .getByRole("list", { name: "Matching patients" })
      .getByRole("button", { name: new RegExp(`^${externalId}\\b`) });
    await result.click();
    await expect(result).toHaveAttribute("aria-pressed", "true");
    await expect(chips.getByText(externalId, { exact: false })).toBeVisible();
  }
}

/** Ticks the tasks with these titles (EHR-Bench titles, e.g. "Next laboratory tests"). */
export async function chooseTasks(form: Locator, titles: readonly string[]) {
  for (const title of titles) await form.getByRole("checkbox", { name: title, exact: true }).check();
}
