import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts) and database tests (*.db.test.ts) beside the code they test.
// The global setup starts one throwaway PostgreSQL; each database test file gets its own
// database cloned from a migrated template (test/database.ts).
export default defineConfig({
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
