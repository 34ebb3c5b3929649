"use client";

// Starts the runs of a queue's items that have none yet; the page refreshes as they finish.
// The server starts each item's run once however often it is asked (generate-queue-runs.ts);
// the button takes one click at a time and says what the click did.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/lib/http/fetch-json";
import type { GenerateQueueRunsResponse } from "@/lib/review/generate-queue-runs.types";

function outcome({ started, alreadyStarted, failed }: GenerateQueueRunsResponse): string {
  const parts = [`Started ${started} run${started === 1 ? "" : "s"}`];
  if (alreadyStarted) parts.push(`${alreadyStarted} had been started before`);
  if (failed.length) parts.push(`${failed.length} failed: ${failed[0].reason}`);
  return `${parts.join("; ")}.`;
}

export function GenerateRunsButton({ queueId, awaiting }: { queueId: string; awaiting: number }) {
  const router = useRouter();
  // isPending reaches the button a render later; a double click's second click comes sooner.
  const inFlight = useRef(false);
  const generate = useMutation({
    mutationFn: () => fetchJson<GenerateQueueRunsResponse>(`/api/queues/${queueId}/runs`, { method: "POST", body: {} }),
    onSuccess: () => router.refresh(),
    onSettled: () => {
      inFlight.current = false;
    },
  });
  function start() {
    if (inFlight.current) return;
    inFlight.current = true;
    generate.mutate();
  }
  // While runs are outstanding, refresh now and then so the counts move without a reload.
  useEffect(() => {
    if (!awaiting) return;
    const timer = window.setInterval(() => router.refresh(), 3_000);
    return () => window.clearInterval(timer);
  }, [awaiting, router]);
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <Button onClick={start} disabled={generate.isPending} aria-busy={generate.isPending}>
        {generate.isPending ? "Generating runs…" : "Generate runs"}
      </Button>
      {generate.data ? <span role="status">{outcome(generate.data)}</span> : null}
      {generate.error ? (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {generate.error.message}
        </span>
      ) : null}
      {awaiting ? (
        <span className="text-slate-600 dark:text-slate-400">{awaiting} item(s) waiting for runs</span>
      ) : null}
    </div>
  );
}
