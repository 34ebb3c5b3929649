// Playwright's web server: the built app with demo data in a throwaway data folder.
// --mode embedded: the app starts its own PostgreSQL (no DATABASE_URL).
// --mode external: a separate PostgreSQL is started here and handed over by DATABASE_URL,
// standing in for an operator's server.
// The embedded app also gets an "EHR-R1" backend: the fake vLLM server, streaming slowly
// enough that a test sees partial reasoning; the external app runs the baseline only.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres, type RunningPostgres } from "../lib/db/embedded-postgres";
import {
  FAKE_MODEL,
  defaultReply,
  startFakeOpenAiServer,
  vllmStreamBody,
  type FakeOpenAiServer,
} from "../lib/model/testing/fake-openai-server";

const { values } = parseArgs({ options: { mode: { type: "string", default: "embedded" } } });
const dir = mkdtempSync(path.join(tmpdir(), `ehr-e2e-${values.mode}-`));
// As root, the cluster runs as the "postgres" user, who must be able to traverse this folder.
chmodSync(dir, 0o755);
let external: RunningPostgres | undefined;
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, "app"), DEMO: "1" };
delete env.DATABASE_URL;
if (values.mode === "external") {
  external = await startEmbeddedPostgres({ dataDir: path.join(dir, "external"), database: "operator_db" });
  env.DATABASE_URL = external.url;
}
// Only the backend configured here, never one from the shell that runs the tests.
for (const key of Object.keys(env)) if (key.startsWith("EHR_R1_")) delete env[key];
let model: FakeOpenAiServer | undefined;
if (values.mode === "embedded") {
  // One SSE event per write, 80 ms apart: a reasoning run streams for about six seconds.
  // A key the server requires: e2e/runs.spec.ts checks it is sent there and shown nowhere.
  const apiKey = "e2e-fake-model-secret-key";
  model = await startFakeOpenAiServer({
    apiKey,
    script: (request) => {
      const reply = defaultReply(request);
      if (reply.kind !== "stream") return reply;
      return { kind: "raw", delayMs: 80, chunks: vllmStreamBody(reply).split(/(?<=\n\n)/) };
    },
  });
  env.EHR_R1_BASE_URL = model.url;
  env.EHR_R1_MODEL = FAKE_MODEL;
  env.EHR_R1_API_KEY = apiKey;
}

const app = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
  stdio: "inherit",
  env,
});
let cleaning = false;
async function cleanUp(code: number) {
  if (cleaning) return;
  cleaning = true;
  if (app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise((resolve) => app.once("exit", resolve));
  }
  await external?.stop();
  await model?.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
app.on("exit", (code) => void cleanUp(code ?? 1));
process.on("SIGTERM", () => void cleanUp(0));
process.on("SIGINT", () => void cleanUp(0));
