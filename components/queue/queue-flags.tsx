"use client";

// Reviewers' flags for the study lead (queue page: all items; Compare page: one item), open
// ones first, each with who, when, the note, and a button to mark it resolved or open again.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import { fetchJson } from "@/lib/http/fetch-json";
import type { QueueFlagView } from "@/lib/review/queue-flags.types";

export function QueueFlags({
  queueId,
  flags,
  showItem = true,
}: {
  queueId: string;
  flags: readonly QueueFlagView[];
  /** Link each flag to its item's Compare page (off on that page itself). */
  showItem?: boolean;
}) {
  const router = useRouter();
  const resolve = useMutation({
    mutationFn: ({ id, resolved }: { id: string; resolved: boolean }) =>
      fetchJson(`/api/queues/${queueId}/flags/${id}`, { method: "PATCH", body: { resolved } }),
    onSuccess: () => router.refresh(),
  });
  const open = flags.filter((flag) => !flag.resolvedAt).length;
  return (
    <section aria-label="Flags from reviewers" className="space-y-1" data-testid="queue-flags">
      <h2 className="text-lg font-semibold">
        Flags from reviewers ({open} open{flags.length > open ? `, ${flags.length - open} resolved` : ""})
      </h2>
      {flags.length ? (
        <ul className="space-y-1 text-sm">
          {flags.map((flag) => (
            <li
              key={flag.id}
              data-testid="queue-flag"
              className={`flex flex-wrap items-center gap-x-3 gap-y-1 rounded border p-2 ${
                flag.resolvedAt
                  ? "border-slate-200 dark:border-slate-800"
                  : "border-amber-400 bg-amber-50 dark:border-amber-700 dark:bg-amber-950"
              }`}
            >
              {showItem ? (
                <Link
                  className="text-sky-700 underline dark:text-sky-400"
                  href={`/queues/${queueId}/items/${flag.queueItemId}`}
                >
                  Item {flag.itemPosition}
                </Link>
              ) : null}
              <span className="min-w-0 flex-1 break-words">
                <strong>{flag.raterName}</strong>, {formatDateTime(flag.createdAt)} UTC: “{flag.note}”
              </span>
              <span className="text-xs text-slate-700 dark:text-slate-300">
                {flag.resolvedAt
                  ? `Resolved by ${flag.resolvedByName ?? "a former user"}, ${formatDateTime(flag.resolvedAt)} UTC`
                  : "Open"}
              </span>
              <Button
                variant="secondary"
                disabled={resolve.isPending}
                onClick={() => resolve.mutate({ id: flag.id, resolved: !flag.resolvedAt })}
                className="px-2 py-0.5"
              >
                {flag.resolvedAt ? "Reopen" : "Mark resolved"}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No flags.</p>
      )}
      {resolve.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {resolve.error.message}
        </p>
      ) : null}
    </section>
  );
}
