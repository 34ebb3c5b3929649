import type { RunStatus } from "@/lib/generated/prisma/enums";
import type { BackendSummary } from "@/lib/runs/backend-label";
import { STATUS_STYLE } from "./format-run";

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`} data-testid="run-status">
      {status}
    </span>
  );
}

/** The baseline is marked as not EHR-R1 wherever a run is shown. */
export function BackendBadge({ backend }: { backend: Pick<BackendSummary, "label" | "isBaseline"> }) {
  return (
    <span
      className={`rounded border px-2 py-0.5 text-xs font-medium ${
        backend.isBaseline
          ? "border-amber-400 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          : "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
      }`}
      data-testid="run-backend"
    >
      {backend.label}
    </span>
  );
}
