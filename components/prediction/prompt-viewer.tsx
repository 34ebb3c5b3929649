"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import type { RunPrompt } from "@/lib/runs/get-run";

function droppedText(dropped: RunPrompt["dropped"]): string {
  if (!dropped.count) return "Nothing was left out: the whole window fit the context.";
  const parts = [`${dropped.count} event row(s) in ${dropped.blocks ?? "?"} block(s), oldest first`];
  if (dropped.previousDischargeNote) parts.push("and the previous admission's discharge note");
  return `Left out by the context budget: ${parts.join(", ")}.`;
}

/** "View prompt": the exact messages sent (loaded when opened; they can be long). */
export function PromptViewer({ runId, isBaseline }: { runId: string; isBaseline: boolean }) {
  const [open, setOpen] = useState(false);
  const prompt = useQuery({
    queryKey: ["run-prompt", runId],
    queryFn: () => fetchJson<RunPrompt>(`/api/runs/${runId}/prompt`),
    enabled: open,
  });
  return (
    <details
      className="rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">View prompt</summary>
      <div className="space-y-2 border-t border-slate-200 p-3 text-sm dark:border-slate-800">
        {prompt.isPending ? <p>Loading…</p> : null}
        {prompt.error ? <p role="alert">{prompt.error.message}</p> : null}
        {prompt.data ? (
          prompt.data.prompt === null ? (
            <p>No prompt was built (the run ended before).</p>
          ) : (
            <>
              {isBaseline ? (
                <p className="rounded bg-amber-50 px-2 py-1 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
                  The baseline (not EHR-R1) sends nothing anywhere: this is the prompt EHR-R1 would get for the same
                  input, kept so runs can be compared by its hash.
                </p>
              ) : null}
              <p className="text-xs text-slate-600 dark:text-slate-400">
                About {prompt.data.promptTokens ?? "?"} tokens (estimated) · SHA-256{" "}
                <code className="break-all">{prompt.data.promptHash}</code>
              </p>
              <p data-testid="prompt-dropped">{droppedText(prompt.data.dropped)}</p>
              <h3 className="text-xs font-semibold text-slate-600 dark:text-slate-400 uppercase">System</h3>
              <pre className="rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap dark:bg-slate-950">
                {prompt.data.system}
              </pre>
              <h3 className="text-xs font-semibold text-slate-600 dark:text-slate-400 uppercase">User</h3>
              <pre
                className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap dark:bg-slate-950"
                data-testid="prompt-text"
              >
                {prompt.data.prompt}
              </pre>
            </>
          )
        ) : null}
      </div>
    </details>
  );
}
