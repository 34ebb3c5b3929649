"use client";

// Archive (or reopen) a queue. Archiving hides it from reviewers and next() serves nothing
// from it; nothing is deleted, so it is one click either way.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/lib/http/fetch-json";
import type { UpdateQueueResponse } from "@/lib/review/update-queue.types";

export function ArchiveQueueButton({ queueId, isArchived }: { queueId: string; isArchived: boolean }) {
  const router = useRouter();
  const archive = useMutation({
    mutationFn: (archived: boolean) =>
      fetchJson<UpdateQueueResponse>(`/api/queues/${queueId}`, { method: "PATCH", body: { archived } }),
    onSuccess: () => router.refresh(),
  });
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Button
        variant={isArchived ? "secondary" : "danger"}
        disabled={archive.isPending}
        onClick={() => archive.mutate(!isArchived)}
      >
        {isArchived ? "Reopen queue" : "Archive queue"}
      </Button>
      {archive.error ? (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {archive.error.message}
        </span>
      ) : null}
    </span>
  );
}
