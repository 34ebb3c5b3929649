import { requirePageUser } from "@/lib/api/guard";
import { listBackendsWithHealth } from "@/lib/runs/list-backends";
import { runConcurrency } from "@/lib/runs/run-settings";
import { formatDuration } from "@/components/prediction/format-run";
import { TableScroll } from "@/components/ui/table-scroll";

export const dynamic = "force-dynamic";
export const metadata = { title: "Backends" };

// Shorter than a model's own timeout: this page must answer even when a server hangs.
const HEALTH_TIMEOUT_MS = 3_000;

export default async function BackendsPage() {
  await requirePageUser("/admin/backends");
  const backends = await listBackendsWithHealth(HEALTH_TIMEOUT_MS);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Backends</h1>
      <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300">
        Configured by the environment (EHR_R1_BASE_URL, EHR_R1_MODEL, EHR_R1_API_KEY, EHR_R1_TIMEOUT_MS,
        EHR_R1_MAX_CONTEXT_TOKENS, EHR_R1_BACKENDS); keys stay there and are never shown. Patient data goes to these
        hosts only. At most {runConcurrency()} run(s) stream from each backend at once (EHR_R1_CONCURRENCY).
      </p>
      <TableScroll label="Backends">
        <table className="w-full border-collapse bg-white text-sm dark:bg-slate-900" data-testid="backends-table">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="px-3 py-2 font-medium">Backend</th>
              <th className="px-3 py-2 font-medium">Model</th>
              <th className="px-3 py-2 font-medium">Host</th>
              <th className="px-3 py-2 text-right font-medium">Max context</th>
              <th className="px-3 py-2 text-right font-medium">Answer reserve</th>
              <th className="px-3 py-2 text-right font-medium">Timeout</th>
              <th className="px-3 py-2 font-medium">Thinking</th>
              <th className="px-3 py-2 font-medium">API key</th>
              <th className="px-3 py-2 font-medium">Health</th>
            </tr>
          </thead>
          <tbody>
            {backends.map((backend) => (
              <tr key={backend.id} className="border-b border-slate-100 align-top dark:border-slate-800">
                <td className="px-3 py-1.5">
                  <div className="font-medium">{backend.name}</div>
                  <div className="font-mono text-xs text-slate-600 dark:text-slate-400">{backend.id}</div>
                </td>
                <td className="px-3 py-1.5">{backend.kind === "baseline" ? "baseline, not EHR-R1" : backend.model}</td>
                <td className="px-3 py-1.5 font-mono">{backend.host ?? "— (in the app)"}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{backend.maxContextTokens ?? "—"}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{backend.maxTokens ?? "—"}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{formatDuration(backend.timeoutMs)}</td>
                <td className="px-3 py-1.5 font-mono" data-testid={`thinking-${backend.id}`}>
                  {backend.thinking ?? "—"}
                </td>
                <td className="px-3 py-1.5">
                  {backend.kind === "baseline" ? "—" : backend.hasApiKey ? "set" : "none"}
                </td>
                <td className="px-3 py-1.5" data-testid={`health-${backend.id}`}>
                  {backend.health?.ok ? (
                    <span className="text-emerald-700 dark:text-emerald-400">
                      ok{backend.kind === "baseline" ? "" : ` (${backend.health.latencyMs} ms)`}
                    </span>
                  ) : (
                    <span className="text-red-700 dark:text-red-400">{backend.health?.error}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
