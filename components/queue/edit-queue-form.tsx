"use client";

// "Edit queue": name, guidelines (Markdown), reviewers and reviewers per item. The protocol
// ratings were made under (kind, scale or rubric, blind options) is not here on purpose. The
// answer says what the change did, e.g. how many held items of removed reviewers went back
// to the pool (their submitted ratings stay).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { fetchJson } from "@/lib/http/fetch-json";
import type { UpdateQueueResponse } from "@/lib/review/update-queue.types";

export type EditQueueValues = {
  id: string;
  name: string;
  guidelines: string;
  reviewersPerItem: number;
  memberIds: string[];
};
export type ReviewerOption = { id: string; name: string; roles: string[] };

export function EditQueueForm({ queue, reviewers }: { queue: EditQueueValues; reviewers: readonly ReviewerOption[] }) {
  const router = useRouter();
  const [memberIds, setMemberIds] = useState<string[]>(queue.memberIds);
  const update = useMutation({
    mutationFn: (body: unknown) => fetchJson<UpdateQueueResponse>(`/api/queues/${queue.id}`, { method: "PATCH", body }),
    onSuccess: () => router.refresh(),
  });
  // Members no longer active stay listed while they are members, so saving does not drop them silently.
  const options = [
    ...reviewers,
    ...queue.memberIds
      .filter((id) => !reviewers.some((reviewer) => reviewer.id === id))
      .map((id) => ({ id, name: id, roles: ["inactive"] })),
  ];
  const removed = queue.memberIds.filter((id) => !memberIds.includes(id)).length;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({
      name: String(form.get("name")),
      guidelines: String(form.get("guidelines") ?? ""),
      reviewersPerItem: Number(form.get("reviewersPerItem")),
      memberIds,
    });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Edit queue" className="space-y-3">
      <div className="grid grid-cols-1 gap-3 md:grid-cols-[minmax(0,3fr)_minmax(0,1fr)]">
        <Field id="edit-queue-name" name="name" label="Name" required maxLength={200} defaultValue={queue.name} />
        <Field
          id="edit-queue-reviewers-per-item"
          name="reviewersPerItem"
          label="Reviewers per item"
          type="number"
          min={1}
          max={20}
          required
          defaultValue={queue.reviewersPerItem}
        />
      </div>
      <div className="text-sm">
        <label htmlFor="edit-queue-guidelines" className="font-medium">
          Guidelines for reviewers (Markdown: **bold**, lists, links; shown beside every item)
        </label>
        <textarea
          id="edit-queue-guidelines"
          name="guidelines"
          rows={6}
          maxLength={50_000}
          defaultValue={queue.guidelines}
          className={`mt-1 font-mono text-xs ${inputClass}`}
        />
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium">Reviewers ({memberIds.length})</legend>
        <div className="mt-1 grid max-h-48 grid-cols-1 gap-0.5 overflow-auto rounded border border-slate-200 p-2 sm:grid-cols-2 dark:border-slate-700">
          {options.map((reviewer) => (
            <label key={reviewer.id} className="flex min-w-0 items-center gap-1">
              <input
                type="checkbox"
                checked={memberIds.includes(reviewer.id)}
                onChange={() =>
                  setMemberIds((current) =>
                    current.includes(reviewer.id)
                      ? current.filter((id) => id !== reviewer.id)
                      : [...current, reviewer.id],
                  )
                }
              />
              <span className="truncate">
                {reviewer.name}{" "}
                <span className="text-slate-600 dark:text-slate-400">({reviewer.roles.join(", ")})</span>
              </span>
            </label>
          ))}
        </div>
        {removed ? (
          <p className="mt-1 text-xs text-amber-900 dark:text-amber-200">
            Removing {removed} reviewer(s): their submitted ratings and skips stay; items they hold without having
            submitted go back to the pool.
          </p>
        ) : null}
      </fieldset>
      {update.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {update.error.message}
        </p>
      ) : null}
      {update.data ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          Saved. {update.data.effects.messages.join(" ")}
        </p>
      ) : null}
      <Button type="submit" disabled={update.isPending}>
        Save changes
      </Button>
    </form>
  );
}
