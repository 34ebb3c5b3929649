// Configured backends as anyone may see them (publicBackend: no API key, only whether one is
// set), with the baseline labelled "Baseline (not EHR-R1)", and optionally their health.
import { checkBackendHealth, type BackendHealth } from "../model/backends/check-backend-health";
import { loadBackends, publicBackend, type PublicBackend } from "../model/backends/load-backends";

export type BackendStatus = PublicBackend & { host: string | null; health?: BackendHealth };

const hostOf = (url: string | null) => (url ? new URL(url).host : null);

export function listBackends(): BackendStatus[] {
  return loadBackends(process.env).map((backend) => {
    const shown = publicBackend(backend);
    return { ...shown, host: hostOf(shown.baseUrl) };
  });
}

/** Each backend with a health check, in parallel, none waiting longer than `timeoutMs`. */
export async function listBackendsWithHealth(timeoutMs: number): Promise<BackendStatus[]> {
  const backends = loadBackends(process.env);
  return Promise.all(
    backends.map(async (backend) => {
      const shown = publicBackend(backend);
      return { ...shown, host: hostOf(shown.baseUrl), health: await checkBackendHealth(backend, { timeoutMs }) };
    }),
  );
}
