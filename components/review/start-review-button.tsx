"use client";

// Takes the caller's next item of a queue (their held one first) and opens it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/lib/http/fetch-json";
import type { NextItemResponse } from "@/lib/review/take-next-item.types";

export function StartReviewButton({ queueId, label }: { queueId: string; label: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  async function start() {
    setIsBusy(true);
    setMessage(null);
    try {
      const next = await fetchJson<NextItemResponse>(`/api/queues/${queueId}/next`);
      if (next.item) router.push(`/review/items/${next.item.queueItemId}`);
      else {
        setMessage(
          next.remaining ? "Nothing to take right now: the remaining items are held or not ready." : "All done.",
        );
        setIsBusy(false);
      }
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
      setIsBusy(false);
    }
  }
  return (
    <div className="flex items-center gap-2">
      <Button onClick={() => void start()} disabled={isBusy}>
        {label}
      </Button>
      {message ? <span className="text-sm text-slate-600 dark:text-slate-400">{message}</span> : null}
    </div>
  );
}
