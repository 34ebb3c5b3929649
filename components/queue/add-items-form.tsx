"use client";

// "Add items": patients × tasks, as when the queue was made (the server suggests each item's
// cut-off from the record and says which pairs it skipped and why). New items go after the
// last one; "Generate runs" then starts their runs.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, inputClass } from "@/components/ui/field";
import { fetchJson } from "@/lib/http/fetch-json";
import type { AddQueueItemsResponse } from "@/lib/review/add-queue-items.types";

export type AddItemsOptions = {
  patients: { id: string; externalId: string; admissions: number }[];
  tasks: { key: string; title: string }[];
  backends: { id: string; name: string }[];
};

export function AddItemsForm({
  queueId,
  isPairwise,
  defaults,
  options,
}: {
  queueId: string;
  isPairwise: boolean;
  /** The backends the queue's items use now: new items default to them. */
  defaults: { backendId: string; backendBId: string | null };
  options: AddItemsOptions;
}) {
  const router = useRouter();
  const [patientIds, setPatientIds] = useState<string[]>([]);
  const [taskKeys, setTaskKeys] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  const add = useMutation({
    mutationFn: (body: unknown) =>
      fetchJson<AddQueueItemsResponse>(`/api/queues/${queueId}/items`, { method: "POST", body }),
    onSuccess: () => {
      setPatientIds([]);
      router.refresh();
    },
  });
  const shown = options.patients.filter((patient) => patient.externalId.includes(filter.trim()));
  const backendOptions = options.backends.map((backend) => ({ value: backend.id, label: backend.name }));
  const toggle = (list: string[], id: string) =>
    list.includes(id) ? list.filter((held) => held !== id) : [...list, id];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate({
      selection: {
        patientIds,
        taskKeys,
        backendId: String(form.get("backendId")),
        ...(isPairwise ? { backendBId: String(form.get("backendBId")) } : {}),
      },
    });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Add items" className="space-y-3">
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <fieldset className="min-w-0 text-sm">
          <legend className="font-medium">Patients ({patientIds.length})</legend>
          <label htmlFor="add-items-filter" className="sr-only">
            Filter patients by id
          </label>
          <input
            id="add-items-filter"
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder="Filter by patient id"
            className={`mt-1 ${inputClass}`}
          />
          <div className="mt-1 grid max-h-48 grid-cols-1 gap-0.5 overflow-auto rounded border border-slate-200 p-2 sm:grid-cols-2 dark:border-slate-700">
            {shown.map((patient) => (
              <label key={patient.id} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={patientIds.includes(patient.id)}
                  onChange={() => setPatientIds((current) => toggle(current, patient.id))}
                />
                <span className="font-mono">{patient.externalId}</span>
                <span className="text-slate-600 dark:text-slate-400">{patient.admissions} adm.</span>
              </label>
            ))}
            {shown.length ? null : <p className="text-slate-600 dark:text-slate-400">No patient id matches.</p>}
          </div>
        </fieldset>
        <fieldset className="min-w-0 text-sm">
          <legend className="font-medium">Tasks ({taskKeys.length})</legend>
          <div className="mt-1 max-h-58 space-y-0.5 overflow-auto rounded border border-slate-200 p-2 dark:border-slate-700">
            {options.tasks.map((task) => (
              <label key={task.key} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={taskKeys.includes(task.key)}
                  onChange={() => setTaskKeys((current) => toggle(current, task.key))}
                />
                {task.title}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
        <SelectField
          id="add-items-backend"
          name="backendId"
          label={isPairwise ? "Backend A" : "Backend"}
          options={backendOptions}
          defaultValue={defaults.backendId}
        />
        {isPairwise ? (
          <SelectField
            id="add-items-backend-b"
            name="backendBId"
            label="Backend B"
            options={backendOptions}
            defaultValue={defaults.backendBId ?? undefined}
          />
        ) : null}
      </div>
      {add.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {add.error.message}
        </p>
      ) : null}
      {add.data ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          Added {add.data.added} item(s); the queue now has {add.data.items}.
          {add.data.skipped.length
            ? ` Skipped ${add.data.skipped.length}: ${add.data.skipped
                .slice(0, 3)
                .map((skip) => `${skip.taskKey} (${skip.reason})`)
                .join("; ")}.`
            : ""}{" "}
          Generate their runs above.
        </p>
      ) : null}
      <Button type="submit" disabled={add.isPending || !patientIds.length || !taskKeys.length}>
        Add items
      </Button>
    </form>
  );
}
