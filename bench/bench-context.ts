// What every benchmark gets: the throwaway database (already holding the imported 1M-lab
// cohort of 20 patients × 50,000 events) and, for HTTP benchmarks, the production build
// served on it by scripts/start.ts, with a fake OpenAI-compatible model server configured
// as the EHR-R1 backend and an admin API token. Requires `npm run build` first.
import path from "node:path";
import type { PrismaClient } from "../lib/db/prisma-client";
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
  type FakeServerOptions,
} from "../lib/model/testing/fake-openai-server";
import { serveBuiltApp } from "../test/served-app";

export type BenchContext = {
  databaseUrl: string;
  prisma: PrismaClient;
  workDir: string;
  /** A patient with 50,000 events (the size the goals name). */
  bigPatientId: string;
};

export type AppServer = {
  baseUrl: string;
  /** Authorization header value for an admin API token. */
  authorization: string;
  model: FakeOpenAiServer;
  stop: () => Promise<void>;
};

/** Serves the production build on the bench database; the fake model answers as scripted. */
export async function startAppServer(
  context: BenchContext,
  options: { model?: FakeServerOptions; env?: Record<string, string> } = {},
): Promise<AppServer> {
  const model = await startFakeOpenAiServer(options.model ?? {});
  const app = await serveBuiltApp(
    {
      ...process.env,
      DATABASE_URL: context.databaseUrl,
      DATA_DIR: path.join(context.workDir, "app-data"),
      DEMO: "0",
      EHR_R1_BASE_URL: model.url,
      EHR_R1_MODEL: "BlueZeros/EHR-R1-8B",
      EHR_R1_CONCURRENCY: "200",
      AUTH_SIGN_IN_RATE_LIMIT: "100000",
      ...options.env,
    },
    { echoStderr: true },
  );
  const { upsertLocalUser } = await import("../lib/auth/create-user");
  const { id } = await upsertLocalUser(context.prisma, {
    email: "bench@bench.local",
    roles: ["admin"],
    password: "bench-password-1",
  });
  process.env.DATABASE_URL = context.databaseUrl;
  const { createApiToken } = await import("../lib/auth/api-tokens");
  const { token } = await createApiToken({ userId: id, name: `bench-${app.port}` });
  return {
    baseUrl: app.baseUrl,
    authorization: `Bearer ${token}`,
    model,
    stop: async () => {
      await app.stop();
      await model.close();
    },
  };
}
