"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { splitSteps } from "@/lib/model/parse/split-steps";
import { patientTimelineHref } from "@/lib/runs/evidence-segments";
import { runRatingHref, type RunRatingKind } from "@/lib/review/run-rating-href";
import type { RunDetail } from "@/lib/runs/get-run";
import { Button } from "../ui/button";
import { formatDateTime } from "../ui/format";
import { AnswerPanel } from "./answer-panel";
import { isActive } from "./format-run";
import { GroundTruthPanel } from "./ground-truth-panel";
import { PromptViewer } from "./prompt-viewer";
import { EvidenceList, ReasoningSteps } from "./reasoning-steps";
import { BackendBadge, RunStatusBadge } from "./run-badges";
import { RunFacts } from "./run-facts";
import { useRunStream } from "./use-run-stream";

type Props = {
  initialRun: RunDetail;
  /** The viewer may start runs (retry). */
  canStart: boolean;
  /** The viewer may cancel this run (its starter or an admin). */
  canCancel: boolean;
  /** Ratings the viewer may make of this run outside a queue, once it is done. */
  ratingKinds: readonly RunRatingKind[];
};

const RATING_LABELS: Record<RunRatingKind, string> = { agreement: "Rate this run", rubric: "Grade the reasoning" };

/** The run page: reasoning as it is written, the answer, facts, prompt, ground truth. */
export function RunView({ initialRun, canStart, canCancel, ratingKinds }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => ["run", initialRun.id], [initialRun.id]);
  const { data: run } = useQuery({
    queryKey,
    queryFn: () => fetchJson<RunDetail>(`/api/runs/${initialRun.id}`),
    initialData: initialRun,
    // A queued run has no chunks to stream yet; look again until it starts.
    refetchInterval: (query) => (query.state.data?.status === "queued" ? 2_000 : false),
  });
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey }), [queryClient, queryKey]);
  const live = useRunStream(initialRun.id, initialRun, isActive(initialRun.status), refresh);

  const ended = !isActive(run.status);
  const reasoning = ended ? run.reasoning : live.reasoning;
  const answer = ended ? run.answer : live.answer;
  const failedAttempts = ended ? run.failedAttempts : live.failedAttempts;
  const steps = useMemo(() => (ended ? run.steps : splitSteps(reasoning)), [ended, run.steps, reasoning]);
  const status = run.status === "queued" && live.seq > initialRun.lastSeq ? "streaming" : run.status;

  const cancel = useMutation({
    mutationFn: () => fetchJson(`/api/runs/${run.id}/cancel`, { method: "POST" }),
    onSettled: refresh,
  });
  const retry = useMutation({
    mutationFn: () => fetchJson<{ id: string }>(`/api/runs/${run.id}/retry`, { method: "POST" }),
    onSuccess: ({ id }) => router.push(`/runs/${id}`),
  });
  const actionError = cancel.error ?? retry.error;

  return (
    <div className="space-y-4">
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{run.task.title}</h1>
          <RunStatusBadge status={status} />
          <BackendBadge backend={run.backend} />
          <div className="ml-auto flex flex-wrap gap-2">
            {run.status === "done"
              ? ratingKinds.map((kind) => (
                  <Link
                    key={kind}
                    href={runRatingHref(run.id, kind)}
                    className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                  >
                    {RATING_LABELS[kind]}
                  </Link>
                ))
              : null}
            {canCancel && !ended ? (
              <Button variant="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
                Cancel run
              </Button>
            ) : null}
            {canStart ? (
              <Button variant="secondary" onClick={() => retry.mutate()} disabled={retry.isPending}>
                Retry
              </Button>
            ) : null}
          </div>
        </div>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Patient{" "}
          <Link
            href={patientTimelineHref(run.patient.id, run.cutoff)}
            className="font-mono text-sky-700 underline dark:text-sky-400"
          >
            {run.patient.externalId}
          </Link>{" "}
          · cut-off <time dateTime={run.cutoff}>{formatDateTime(run.cutoff)}</time> UTC · context:{" "}
          {run.task.contextRule}
          {run.retryOf ? (
            <>
              {" "}
              · retry of{" "}
              <Link href={`/runs/${run.retryOf}`} className="text-sky-700 underline dark:text-sky-400">
                an earlier run
              </Link>
            </>
          ) : null}
          {run.retries.length ? (
            <>
              {" "}
              · retried as{" "}
              {run.retries.map((retried, i) => (
                <span key={retried.id}>
                  {i ? ", " : ""}
                  <Link href={`/runs/${retried.id}`} className="text-sky-700 underline dark:text-sky-400">
                    {retried.status} run
                  </Link>
                </span>
              ))}
            </>
          ) : null}
        </p>
        {actionError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {actionError.message}
          </p>
        ) : null}
      </header>

      {run.error ? (
        <p
          role={run.status === "failed" ? "alert" : "status"}
          data-testid="run-error"
          className={`rounded border px-3 py-2 text-sm ${
            run.status === "failed"
              ? "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
              : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
          }`}
        >
          {run.status === "failed" ? `This run failed: ${run.error}` : `This run was ${run.error}.`}
        </p>
      ) : null}
      {failedAttempts.map((failed) => (
        <details
          key={failed.attempt}
          data-testid="failed-attempt"
          className="rounded border border-slate-300 px-3 py-2 text-sm dark:border-slate-700"
        >
          <summary>
            Attempt {failed.attempt} did not finish ({failed.reason}); the run started again. Its partial output:
          </summary>
          <pre className="mt-2 whitespace-pre-wrap">{failed.reasoning || "(no reasoning yet)"}</pre>
          {failed.answer ? <pre className="mt-2 whitespace-pre-wrap">{failed.answer}</pre> : null}
        </details>
      ))}
      {ended && run.finishReason === "length" && (run.task.answerType === "item_list" || run.reasoning) ? (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
          The model reached its token limit: the reasoning or answer may be cut short.
        </p>
      ) : null}

      <RunFacts run={run} />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="reasoning-heading" className="min-w-0 space-y-2">
          <h2 id="reasoning-heading" className="text-sm font-semibold">
            Reasoning{" "}
            <span className="font-normal text-slate-600 dark:text-slate-400">
              ({steps.length} step{steps.length === 1 ? "" : "s"}
              {ended ? "" : ", still writing"})
            </span>
          </h2>
          {ended && !steps.length && run.task.answerType === "yes_no" && !run.backend.isBaseline ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Risk tasks are asked as the EHR-R1 authors scored them: the think block closed before the answer, one
              token forced to yes or no, its probability from its log-probability. There is no reasoning to review.
            </p>
          ) : null}
          {run.backend.isBaseline ? (
            <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="baseline-note">
              Computed by the built-in baseline (not EHR-R1): counts and a hand-set score, no language model.
            </p>
          ) : null}
          <ReasoningSteps
            steps={steps}
            evidence={ended ? run.evidence : []}
            patientId={run.patient.id}
            cutoff={run.cutoff}
            streaming={!ended}
          />
        </section>
        <aside className="min-w-0 space-y-4">
          <AnswerPanel items={run.items} probability={run.probability} task={run.task} answer={answer} ended={ended} />
          {/* Compared with the items, so shown once there are items to compare. */}
          {ended && run.groundTruth ? <GroundTruthPanel truth={run.groundTruth} /> : null}
          <EvidenceList evidence={run.evidence} patientId={run.patient.id} cutoff={run.cutoff} />
        </aside>
      </div>
      <PromptViewer runId={run.id} isBaseline={run.backend.isBaseline} />
    </div>
  );
}
