"use client";

// Adjudication, one criterion of one item: the study lead picks the final value (the
// criterion's own values) and may say why; saved on the server, carried by the export.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { fetchJson } from "@/lib/http/fetch-json";
import type { FinalLabel } from "@/lib/review/adjudication.types";

type Props = {
  queueId: string;
  itemId: string;
  criterion: string;
  rowLabel: string;
  options: { value: number | string; label: string }[];
  current: FinalLabel | null;
};

export function FinalLabelCell({ queueId, itemId, criterion, rowLabel, options, current }: Props) {
  const router = useRouter();
  const [value, setValue] = useState(current ? String(current.value) : "");
  const [note, setNote] = useState(current?.note ?? "");
  const save = useMutation({
    mutationFn: () => {
      const option = options.find((candidate) => String(candidate.value) === value);
      return fetchJson(`/api/queues/${queueId}/items/${itemId}/final-labels`, {
        method: "PUT",
        body: { criterion, value: option ? option.value : null, note },
      });
    },
    onSuccess: () => router.refresh(),
  });
  const isChanged = value !== (current ? String(current.value) : "") || note !== (current?.note ?? "");
  return (
    <div className="flex min-w-56 flex-wrap items-center gap-1" data-testid="final-label" data-criterion={criterion}>
      <select
        aria-label={`Final label: ${rowLabel}`}
        className={`${inputClass} w-auto! py-0.5`}
        value={value}
        onChange={(event) => setValue(event.target.value)}
      >
        <option value="">— not set —</option>
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
      <input
        aria-label={`Note on the final label: ${rowLabel}`}
        placeholder="Note"
        className={`${inputClass} w-32! py-0.5`}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <Button
        variant="secondary"
        className="px-2! py-0.5!"
        disabled={!isChanged || save.isPending}
        onClick={() => save.mutate()}
      >
        Save
      </Button>
      {save.error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {save.error.message}
        </span>
      ) : current && !isChanged ? (
        <span className="text-xs text-slate-600 dark:text-slate-400">
          set{current.decidedBy ? ` by ${current.decidedBy}` : ""}
        </span>
      ) : null}
    </div>
  );
}
