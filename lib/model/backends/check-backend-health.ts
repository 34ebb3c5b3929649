// Is a backend reachable and serving the configured model? GET {base}/models, the cheapest
// call every OpenAI-compatible server answers. The baseline is always healthy.
import {
  BackendHttpError,
  BackendProtocolError,
  BackendTimeoutError,
  connectionError,
  serverErrorMessage,
} from "./backend-errors";
import { endpointUrl, originOf } from "./base-url";
import type { BackendConfig } from "./load-backends";

export type BackendHealth =
  | { ok: true; backendId: string; latencyMs: number; models: string[] }
  | { ok: false; backendId: string; latencyMs: number; error: string; code: string };

export async function checkBackendHealth(
  backend: BackendConfig,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<BackendHealth> {
  if (backend.kind === "baseline") return { ok: true, backendId: backend.id, latencyMs: 0, models: [] };
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? Math.min(backend.timeoutMs, 10_000);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const fail = (error: { message: string; code: string }) => ({
    ok: false as const,
    backendId: backend.id,
    latencyMs: Date.now() - started,
    error: error.message,
    code: error.code,
  });
  try {
    const response = await fetch(endpointUrl(backend.baseUrl, "models"), {
      headers: backend.apiKey ? { authorization: `Bearer ${backend.apiKey}` } : {},
      signal,
      redirect: "error",
    });
    const body = await response.text();
    if (!response.ok) return fail(new BackendHttpError(response.status, serverErrorMessage(body)));
    let models: string[];
    try {
      const json = JSON.parse(body) as { data?: Array<{ id?: unknown }> };
      models = (json.data ?? []).map((m) => String(m.id));
    } catch {
      return fail(new BackendProtocolError("the model server's /models answer is not JSON"));
    }
    if (!models.includes(backend.model)) {
      return fail({
        code: "model_missing",
        message: `the server does not serve "${backend.model}" (it serves: ${models.join(", ") || "nothing"})`,
      });
    }
    return { ok: true, backendId: backend.id, latencyMs: Date.now() - started, models };
  } catch (error) {
    if (timeout.aborted) return fail(new BackendTimeoutError(timeoutMs));
    return fail(connectionError(originOf(backend.baseUrl), error));
  }
}
