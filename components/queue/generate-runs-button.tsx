"use client";

// Starts the runs of a queue's items that have none yet; the page refreshes as they finish.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/lib/http/fetch-json";
import type { GenerateQueueRunsResponse } from "@/lib/review/generate-queue-runs.types";

export function GenerateRunsButton({ queueId, awaiting }: { queueId: string; awaiting: number }) {
  const router = useRouter();
  const generate = useMutation({
    mutationFn: () => fetchJson<GenerateQueueRunsResponse>(`/api/queues/${queueId}/runs`, { method: "POST", body: {} }),
    onSuccess: () => router.refresh(),
  });
  // While runs are outstanding, refresh now and then so the counts move without a reload.
  useEffect(() => {
    if (!awaiting) return;
    const timer = window.setInterval(() => router.refresh(), 3_000);
    return () => window.clearInterval(timer);
  }, [awaiting, router]);
  return (
    <div className="flex items-center gap-2 text-sm">
      <Button onClick={() => generate.mutate()} disabled={generate.isPending}>
        Generate runs
      </Button>
      {generate.data ? (
        <span>
          Started {generate.data.started} run{generate.data.started === 1 ? "" : "s"}
          {generate.data.failed.length
            ? `; ${generate.data.failed.length} failed: ${generate.data.failed[0].reason}`
            : ""}
          .
        </span>
      ) : null}
      {generate.error ? <span className="text-red-700 dark:text-red-400">{generate.error.message}</span> : null}
      {awaiting ? (
        <span className="text-slate-600 dark:text-slate-400">{awaiting} item(s) waiting for runs</span>
      ) : null}
    </div>
  );
}
