import { request as playwrightRequest } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { demoUser, expect, signInViaApi, test } from "./fixtures";

test.describe("API tokens", () => {
  test("a token made on the account page works as Bearer with the owner's roles, and stops when revoked", async ({
    signInAs,
    playwright,
  }) => {
    const page = await signInAs("annotator");
    await page.goto("/account");
    await page.getByLabel("Name").fill("e2e script");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").textContent())!.trim();
    expect(token).toMatch(/^ehr_/);

    const api = await playwright.request.newContext({ baseURL: BASE_URL });
    const asToken = { headers: { authorization: `Bearer ${token}` } };
    expect((await api.get("/api/patients", asToken)).status()).toBe(200);
    // An annotator's token cannot do an admin's work.
    expect((await api.get("/api/admin/users", asToken)).status()).toBe(403);

    await page.reload();
    await page.getByRole("button", { name: "Revoke e2e script" }).click();
    await expect(page.getByRole("row", { name: /e2e script/ })).toContainText("revoked");
    expect((await api.get("/api/patients", asToken)).status()).toBe(401);
    expect((await api.get("/api/patients", { headers: { authorization: "Bearer ehr_forged" } })).status()).toBe(401);
    await api.dispose();
  });
});

test.describe("hardening", () => {
  test("a cookie-authenticated write from another origin is refused", async () => {
    const context = await playwrightRequest.newContext({ baseURL: BASE_URL });
    await signInViaApi(context, "clinician", BASE_URL);
    const crossSite = await context.post("/api/tokens", {
      data: { name: "csrf" },
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status()).toBe(403);
    expect((await crossSite.json()).error.message).toBe("Cross-site request refused.");
    const sameSite = await context.post("/api/tokens", { data: { name: "ok" }, headers: { origin: BASE_URL } });
    expect(sameSite.status()).toBe(201);
    await context.dispose();
  });

  test("responses carry the security headers", async ({ request }) => {
    const response = await request.get("/sign-in");
    const headers = response.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-powered-by"]).toBeUndefined();
  });

  test("bad input gets a clear 400, server errors stay generic", async ({ signInAs }) => {
    const page = await signInAs("admin");
    const response = await page.request.post("/api/admin/users", {
      data: { email: "not-an-email", roles: ["wizard"], password: "x" },
      headers: { origin: BASE_URL },
    });
    expect(response.status()).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toMatch(/^email: /);
  });

  test("an account locks after repeated wrong passwords, says so, and an admin unlocks it", async ({
    page,
    browser,
  }) => {
    const admin = await browser.newContext({ baseURL: BASE_URL });
    await signInViaApi(admin.request, "admin", BASE_URL);
    const email = `lock-${Date.now()}@test.local`;
    const created = await admin.request.post("/api/admin/users", {
      data: { email, roles: ["clinician"], password: "right-password-1" },
      headers: { origin: BASE_URL },
    });
    expect(created.status()).toBe(201);

    await page.goto("/sign-in");
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.locator("#sign-in-error")).toHaveText("Wrong email or password.");
    }
    await page.getByLabel("Password").fill("right-password-1");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("#sign-in-error")).toContainText("This account is locked after 5 failed sign-ins");

    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/users");
    const row = adminPage.getByTestId(`user-${email}`);
    await expect(row).toContainText("locked");
    await row.getByRole("button", { name: "Unlock" }).click();
    await expect(row).toContainText("active");

    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
    await admin.close();
  });

  test("a deactivated user's session ends at once", async ({ page, browser }) => {
    const admin = await browser.newContext({ baseURL: BASE_URL });
    await signInViaApi(admin.request, "admin", BASE_URL);
    const email = `deact-${Date.now()}@test.local`;
    const { user } = await (
      await admin.request.post("/api/admin/users", {
        data: { email, roles: ["annotator"], password: "right-password-1" },
        headers: { origin: BASE_URL },
      })
    ).json();
    await page.request.post("/api/auth/sign-in/email", {
      data: { email, password: "right-password-1" },
      headers: { origin: BASE_URL },
    });
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
    const patch = await admin.request.patch(`/api/admin/users/${user.id}`, {
      data: { active: false },
      headers: { origin: BASE_URL },
    });
    expect(patch.status()).toBe(200);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
    await admin.close();
  });
});

test.describe("access log", () => {
  test("a patient view is logged with who, what and when, and an admin can filter and export it", async ({
    browser,
  }) => {
    const clinician = await browser.newContext({ baseURL: BASE_URL });
    await signInViaApi(clinician.request, "clinician", BASE_URL);
    const list = await (await clinician.request.get("/api/patients?limit=1")).json();
    expect(list.patients.length, "demo patients exist").toBe(1);
    const patientId = list.patients[0].id;
    expect((await clinician.request.get(`/api/patients/${patientId}`)).status()).toBe(200);

    const admin = await browser.newContext({ baseURL: BASE_URL });
    await signInViaApi(admin.request, "admin", BASE_URL);
    const log = await (await admin.request.get(`/api/admin/access-log?resourceId=${patientId}`)).json();
    expect(log.rows[0]).toMatchObject({
      email: demoUser("clinician").email,
      action: "view",
      resourceType: "patient",
      resourceId: patientId,
      route: "GET /api/patients/[id]",
    });
    expect(JSON.stringify(log.rows[0])).not.toMatch(/anchorAge|gender|encounters/);

    const csv = await admin.request.get(`/api/admin/access-log?resourceId=${patientId}&format=csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe(
      "id,at,email,action,resourceType,resourceId,route,ip,userAgent,patientSource,patientExternalId",
    );
    expect(lines[1]).toContain(`${demoUser("clinician").email},view,patient,${patientId}`);

    const page = await admin.newPage();
    await page.goto("/admin/access-log");
    await page.getByLabel("Resource id").fill(patientId);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByRole("row", { name: new RegExp(patientId) }).first()).toContainText(
      demoUser("clinician").email,
    );
    await clinician.close();
    await admin.close();
  });
});
