// Shared e2e helpers: sign in through better-auth's API (not by clicking), as each demo user.
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_USERS } from "../lib/demo/demo-users";
import type { Role } from "../lib/auth/roles";

export function demoUser(role: Role) {
  const user = DEMO_USERS.find((candidate) => candidate.roles.includes(role));
  if (!user) throw new Error(`no demo user with role ${role}`);
  return user;
}

export async function signInViaApi(request: APIRequestContext, role: Role, baseURL: string) {
  const user = demoUser(role);
  const response = await request.post(`${baseURL}/api/auth/sign-in/email`, {
    data: { email: user.email, password: user.password },
    headers: { origin: baseURL },
  });
  expect(response.ok(), `sign-in as ${user.email} failed: ${response.status()}`).toBeTruthy();
  return user;
}

export const test = base.extend<{ signInAs: (role: Role) => Promise<Page> }>({
  signInAs: async ({ page, baseURL }, use) => {
    await use(async (role) => {
      await signInViaApi(page.request, role, baseURL!);
      return page;
    });
  },
});

export { expect };
