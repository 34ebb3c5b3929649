import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts), database tests (*.db.test.ts) and component tests (*.test.tsx, in a
// happy-dom document named by the file's @vitest-environment line) beside the code they test.
// The global setup starts one throwaway PostgreSQL; each database test file gets its own
// database cloned from a migrated template (test/database.ts).
export default defineConfig({
  // The app's "@/..." imports (tsconfig paths), for the components under test.
  // "server-only" throws outside React's server condition; the server modules it marks are
  // what these tests run, so it resolves to its empty (server) side here.
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts", "components/**/*.test.tsx"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
