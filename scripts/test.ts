// npm test: every check, in order, failing fast — lint and format, types, the production
// build (the fault tests in test/faults serve it), unit and database tests (a throwaway
// PostgreSQL), then Playwright in Debian's Chromium (installed with apt-get when missing).
// CI runs exactly this.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { EHR_SAMPLES_DIR } from "../test/ehr-samples";
import { BUILD_CANARY } from "./build-canary";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(label: string, command: string, args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  process.stderr.write(`\n== ${label}: ${command} ${args.join(" ")}\n`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stderr.write(`\n== ${label} FAILED after ${seconds}s\n`);
    process.exit(result.status ?? 1);
  }
  process.stderr.write(`== ${label} passed in ${seconds}s\n`);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    process.stderr.write(
      `Chromium is missing at ${CHROMIUM}: run \`sudo apt-get install -y chromium\` or set CHROMIUM_PATH.\n`,
    );
    process.exit(1);
  }
  run("install Debian's Chromium", "sh", ["-c", "apt-get update -qq && apt-get install -y -qq chromium >/dev/null"], {
    DEBIAN_FRONTEND: "noninteractive",
  });
}

/** The importer and serializer tests read real EHR files that live beside the project, not in it. */
function ensureSamples() {
  if (existsSync(EHR_SAMPLES_DIR)) return;
  process.stderr.write(
    `The tests read the shared EHR sample files (the MIMIC-IV demo, Synthea and HL7 FHIR bundles), ` +
      `expected beside the project in ${EHR_SAMPLES_DIR}, which does not exist. Clone the project next to ` +
      `the shared folder, or set EHR_SAMPLES_DIR to where the samples are.\n`,
  );
  process.exit(1);
}

const started = Date.now();
ensureSamples();
ensureChromium();
run("lint", "npx", ["eslint", "."]);
run("format", "npx", ["prettier", "--check", "."]);
run("types", "npx", ["tsc", "--noEmit", "-p", "."]);
run("production build", "npx", ["next", "build"], {
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: BUILD_CANARY,
  DATABASE_URL: `postgresql://${BUILD_CANARY}@build.invalid/none`,
});
// The MIMIC-IV demo import test runs alone first: beside the suite's other database tests its
// first import has stalled past minutes (2 of 2 full runs on 2026-12-06, 1 of 3 before), while
// alone it takes 10-15 s. Not understood yet; it still runs, alone.
const DEMO_IMPORT_TEST = "lib/ehr/import/import-mimic-demo.db.test.ts";
run("MIMIC-IV demo import test, alone", "npx", ["vitest", "run", DEMO_IMPORT_TEST]);
run("unit and database tests", "npx", ["vitest", "run", "--exclude", DEMO_IMPORT_TEST]);
run("end-to-end tests (Chromium)", "npx", ["playwright", "test"], { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" });
process.stderr.write(`\nall checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
