import { OIDC_NAME } from "../playwright.config";
import { expect, signInViaApi, test } from "./fixtures";

test("a hospital user signs in through OpenID Connect, starts with no roles, and an admin grants one", async ({
  page,
  browser,
  baseURL,
}) => {
  const login = `oidc${Date.now()}`;
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in with ${OIDC_NAME}` }).click();
  // The identity provider's own login and consent screens.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click();

  await expect(page.getByRole("heading", { name: `Welcome, Dr ${login}` })).toBeVisible();
  await expect(page.getByText(`${login}@hospital.test`)).toBeVisible();
  // No role until an admin gives one: patient pages stay closed.
  await page.goto("/patients");
  await expect(page).toHaveURL(/\/forbidden$/);

  const admin = await browser.newContext({ baseURL });
  await signInViaApi(admin.request, "admin", baseURL!);
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/users");
  // click, not check(): the box shows the change on React's next render (the optimistic update
  // goes through TanStack's batched notify), which check()'s one immediate read can miss.
  await adminPage.getByLabel(`clinician role for ${login}@hospital.test`).click();
  await expect(adminPage.getByLabel(`clinician role for ${login}@hospital.test`)).toBeChecked();
  await admin.close();

  await page.goto("/patients");
  await expect(page.getByRole("heading", { name: "Patients" })).toBeVisible();
});
