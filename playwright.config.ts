import { defineConfig, devices } from "@playwright/test";
import { EHR_SAMPLES_DIR } from "./test/ehr-samples";

// Two copies of the production build: one on the embedded PostgreSQL it starts itself
// (the default an operator gets), one on a PostgreSQL reached through DATABASE_URL.
// e2e/serve-test-app.ts gives each a throwaway data folder and deletes it afterwards.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const EXTERNAL_PORT = PORT + 1;
const OIDC_PORT = PORT + 9;
export const BASE_URL = `http://localhost:${PORT}`;
export const EXTERNAL_BASE_URL = `http://localhost:${EXTERNAL_PORT}`;

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-quic",
  "--no-first-run",
  "--disable-sync",
];

// The embedded-database app also signs in through a real OpenID Connect provider.
export const OIDC_NAME = "Hospital SSO";
export const SAMPLES_DIR = EHR_SAMPLES_DIR;
const oidcEnv = {
  OIDC_ISSUER: `http://localhost:${OIDC_PORT}`,
  OIDC_CLIENT_ID: "ehr-review",
  OIDC_CLIENT_SECRET: "e2e-oidc-client-secret",
  OIDC_NAME,
};

const server = (port: number, mode: "embedded" | "external", env: Record<string, string> = {}) => ({
  command: `npx tsx --conditions=react-server e2e/serve-test-app.ts --mode ${mode}`,
  url: `http://localhost:${port}/api/health`,
  // The suite signs in hundreds of times a minute from one address: the per-address limit
  // is raised here, while per-account lockout (tested) stays as in production.
  env: { PORT: String(port), AUTH_SIGN_IN_RATE_LIMIT: "10000", ...env },
  timeout: 120_000,
  reuseExistingServer: false,
  gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
  stdout: "ignore" as const,
  stderr: "pipe" as const,
});

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: [
    {
      command: "npx tsx --conditions=react-server e2e/oidc-provider.ts",
      url: `http://localhost:${OIDC_PORT}/.well-known/openid-configuration`,
      env: { OIDC_PORT: String(OIDC_PORT), APP_URL: BASE_URL },
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    // The admin import page may read the shared sample files (IMPORT_DIRS).
    server(PORT, "embedded", { ...oidcEnv, IMPORT_DIRS: SAMPLES_DIR }),
    server(EXTERNAL_PORT, "external"),
  ],
});
