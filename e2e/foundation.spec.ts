import { EXTERNAL_BASE_URL } from "../playwright.config";
import { DEMO_USERS } from "../lib/demo/demo-users";
import { expect, test } from "./fixtures";

test.describe("sign-in and layout", () => {
  test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { name: "EHR-R1 Review" })).toBeVisible();
    await expect(page.getByText("Demo mode")).toBeVisible();
  });

  for (const user of DEMO_USERS) {
    test(`${user.roles[0]} signs in through the form and sees the layout`, async ({ page }) => {
      await page.goto("/sign-in");
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
      await expect(page.getByTestId("current-user")).toContainText(user.roles[0]);
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
      await expect(nav.getByRole("link", { name: "Patients" })).toBeVisible();
      await expect(page.getByText("Demo data")).toBeVisible();

      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/sign-in$/);
      await page.goto("/");
      await expect(page).toHaveURL(/\/sign-in$/);
    });
  }

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(DEMO_USERS[0].email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("#sign-in-error")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test.describe("health and both database modes", () => {
  test("the embedded-database app reports a reachable, migrated database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.database.ok).toBe(true);
    expect(body.migrations).toMatchObject({ ok: true, pending: [] });
    expect(body.migrations.applied).toBeGreaterThan(0);
  });

  test("the app on an external PostgreSQL (DATABASE_URL) is migrated and signs users in", async ({ page, request }) => {
    const health = await request.get(`${EXTERNAL_BASE_URL}/api/health`);
    expect(health.status()).toBe(200);
    expect((await health.json()).migrations.pending).toEqual([]);

    const user = DEMO_USERS[1];
    await page.goto(`${EXTERNAL_BASE_URL}/sign-in`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  });
});
