import type { RunDetail } from "@/lib/runs/get-run";
import { formatDateTime } from "../ui/format";
import { formatDuration } from "./format-run";

function promptSize(run: RunDetail): string {
  if (run.promptTokens === null) return "—";
  return run.truncation ? `${run.promptTokens} tokens` : `about ${run.promptTokens} tokens (estimated)`;
}

function cutFromLeft(run: RunDetail): string {
  const t = run.truncation;
  if (!t) return run.backend.isBaseline ? "n/a (nothing sent)" : "—";
  if (t.cutTokens === 0) return `nothing (budget ${t.budget})`;
  return `${t.cutTokens ?? "?"} tokens (kept the last ${t.keptTokens})`;
}

/** Model, timings, usage and the prompt's size: what a reviewer checks before trusting a run. */
export function RunFacts({ run }: { run: RunDetail }) {
  if (run.isBlinded) return <BlindedRunFacts run={run} />;
  const facts: [string, string][] = [
    ["Model", run.backend.isBaseline ? "baseline, not EHR-R1" : (run.modelName ?? run.backend.model ?? "—")],
    ["Started by", run.createdBy?.name ?? "—"],
    ["Created", formatDateTime(run.createdAt)],
    ["Waited in queue", formatDuration(run.timings.queuedMs)],
    ["First output after", formatDuration(run.timings.firstOutputMs)],
    ["Run time", formatDuration(run.timings.totalMs)],
    ["Prompt", promptSize(run)],
    ["Cut from the left", cutFromLeft(run)],
    ["Thinking", run.thinking?.description ?? "—"],
    [
      "Usage",
      run.usage
        ? `${run.usage.promptTokens} in · ${run.usage.completionTokens} out`
        : run.backend.isBaseline
          ? "n/a"
          : "—",
    ],
    ["Finish reason", run.finishReason ?? "—"],
  ];
  return <FactList facts={facts} />;
}

/** Blind review: only what does not tell the backend (blind-rules.ts); the rest after rating. */
function BlindedRunFacts({ run }: { run: RunDetail }) {
  const hidden = "hidden until you have rated";
  return (
    <FactList
      facts={[
        ["Model", hidden],
        ["Started by", run.createdBy?.name ?? "—"],
        ["Created", formatDateTime(run.createdAt)],
        ["Timings", hidden],
        ["Usage", hidden],
      ]}
    />
  );
}

function FactList({ facts }: { facts: [string, string][] }) {
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3 lg:grid-cols-5" data-testid="run-facts">
      {facts.map(([term, value]) => (
        <div key={term} className="min-w-0">
          <dt className="text-xs text-slate-500 dark:text-slate-400">{term}</dt>
          <dd className="truncate tabular-nums" title={value}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
