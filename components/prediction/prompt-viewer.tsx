"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import type { RunPrompt } from "@/lib/runs/get-run";

function droppedText(dropped: RunPrompt["dropped"]): string | null {
  if (!dropped.count) return null;
  const parts = [`${dropped.count} event row(s) in ${dropped.blocks ?? "?"} block(s), oldest first`];
  if (dropped.previousDischargeNote) parts.push("and the previous admission's discharge note");
  return `Left out by the serializer's block budget: ${parts.join(", ")}.`;
}

/** What the authors' left truncation did to this prompt, in words. */
function truncationText(prompt: RunPrompt, isBaseline: boolean): string {
  const t = prompt.truncation;
  if (!t) {
    return isBaseline
      ? "Not counted or cut: the baseline sends nothing."
      : "Counted with the estimate only (a run from before real token counts).";
  }
  const counter = t.counter === "backend" ? "the model server's tokenizer" : "the bundled Qwen3 tokenizer";
  if (t.cutTokens === 0)
    return `${t.promptTokens} tokens (chat template included, counted by ${counter}): within the budget of ${t.budget}; nothing was cut.`;
  return (
    `${t.promptTokens ?? "more than can be counted:"} tokens (chat template included, counted by ${counter}), over the budget of ${t.budget}: ` +
    `the first ${t.cutTokens ?? "?"} tokens were cut from the left, as the authors' evaluation does, and the last ${t.keptTokens} sent.`
  );
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
                SHA-256 of the user message <code className="break-all">{prompt.data.promptHash}</code>
              </p>
              <p data-testid="prompt-truncation">{truncationText(prompt.data, isBaseline)}</p>
              {prompt.data.thinking ? (
                <p data-testid="prompt-thinking">
                  Thinking: {prompt.data.thinking.description}
                  {prompt.data.thinking.enableThinking === false
                    ? ". The generation prompt ends with an empty think block (<think>, blank line, </think>)."
                    : "."}
                </p>
              ) : null}
              {droppedText(prompt.data.dropped) ? (
                <p data-testid="prompt-dropped">{droppedText(prompt.data.dropped)}</p>
              ) : null}
              {prompt.data.cutText ? (
                <>
                  <h3 className="text-xs font-semibold text-red-700 uppercase dark:text-red-300">
                    Cut from the left (not sent)
                  </h3>
                  <pre
                    className="max-h-64 overflow-auto rounded bg-red-50 p-2 text-xs whitespace-pre-wrap line-through decoration-red-300 dark:bg-red-950"
                    data-testid="prompt-cut-text"
                  >
                    {prompt.data.cutText}
                  </pre>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    The cut is of the chat-templated text (the system turn first); the messages below are the whole
                    prompt as built, of which only what follows the cut reached the model.
                  </p>
                </>
              ) : null}
              <h3 className="text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">System</h3>
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
