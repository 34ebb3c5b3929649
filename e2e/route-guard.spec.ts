// Every route of app/ refuses anonymous users (401 / redirect to sign-in) and wrong roles
// (403 / redirect to /forbidden), and lets the right roles through. Routes are discovered
// from the files, not from a hand-kept list.
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { PAGE_POLICY, type Policy } from "../lib/auth/route-policy";
import { API_ROUTES } from "../lib/api/routes";
import { ROLES, type Role } from "../lib/auth/roles";
import { BASE_URL } from "../playwright.config";
import { concreteUrl, discoverRoutes } from "./route-discovery";
import { expect, signInViaApi, test } from "./fixtures";

const routes = discoverRoutes();
const pages = routes.filter((route) => route.kind === "page");
const apis = routes.flatMap((route) =>
  route.kind === "api"
    ? route.methods.map((method) => ({ key: `${method} ${route.pattern}`, method, pattern: route.pattern }))
    : [],
);

function allowed(policy: Policy, role: Role | null): boolean {
  if (policy === "public") return true;
  if (role === null) return false;
  return policy.length === 0 || policy.includes(role);
}

const contexts = new Map<Role | null, APIRequestContext>();

test.beforeAll(async () => {
  // Same-origin header so writes pass the CSRF check and reach the role check's outcome.
  const make = () => playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { origin: BASE_URL } });
  contexts.set(null, await make());
  for (const role of ROLES) {
    const context = await make();
    await signInViaApi(context, role, BASE_URL);
    contexts.set(role, context);
  }
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
});

test("route discovery finds the app's routes, and the policy names exactly those", () => {
  expect(pages.length).toBeGreaterThanOrEqual(5);
  expect(apis.length).toBeGreaterThanOrEqual(5);
  expect(pages.map((page) => page.pattern).sort()).toEqual(Object.keys(PAGE_POLICY).sort());
  expect(apis.map((api) => api.key).sort()).toEqual(Object.keys(API_ROUTES).sort());
  for (const route of routes)
    expect(route.methods.length, `${route.pattern} exports no HTTP method`).toBeGreaterThan(0);
});

for (const page of pages) {
  test(`page ${page.pattern} lets in exactly the roles its policy names`, async () => {
    const policy = PAGE_POLICY[page.pattern as keyof typeof PAGE_POLICY];
    for (const role of [null, ...ROLES]) {
      const response = await contexts.get(role)!.get(concreteUrl(page.pattern), { maxRedirects: 0 });
      const who = role ?? "anonymous";
      const location = response.headers()["location"] ?? "";
      if (allowed(policy, role)) {
        expect([200, 404], `${who} on ${page.pattern}`).toContain(response.status());
      } else if (role === null) {
        expect(response.status(), `${who} on ${page.pattern}`).toBe(307);
        expect(location).toMatch(/\/sign-in$/);
      } else {
        expect(response.status(), `${who} on ${page.pattern}`).toBe(307);
        expect(location).toMatch(/\/forbidden$/);
      }
    }
  });
}

for (const api of apis) {
  test(`api ${api.key} answers 401 anonymous, 403 wrong role`, async () => {
    const policy = API_ROUTES[api.key as keyof typeof API_ROUTES].policy;
    const url = concreteUrl(api.pattern);
    for (const role of [null, ...ROLES]) {
      const response = await contexts.get(role)!.fetch(url, { method: api.method, maxRedirects: 0 });
      const who = role ?? "anonymous";
      if (allowed(policy, role)) {
        expect([401, 403], `${who} on ${api.key} got ${response.status()}`).not.toContain(response.status());
      } else {
        expect(response.status(), `${who} on ${api.key}`).toBe(role === null ? 401 : 403);
        const body = await response.json();
        expect(body.error.code).toBe(role === null ? "unauthorized" : "forbidden");
      }
    }
  });
}
