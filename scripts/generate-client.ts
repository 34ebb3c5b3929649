// npm's postinstall: `prisma generate` without its engine download. The CLI only needs
// PRISMA_SCHEMA_ENGINE_BINARY to name an existing executable to skip fetching the native
// schema engine, which we never use (migrations run on the WebAssembly engine).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
