"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import type { BatchProgress, SkippedPatient } from "@/lib/runs/run-batch";
import type { TaskOption } from "@/lib/runs/task-options";
import { Button } from "../ui/button";
import { SelectField, inputClass } from "../ui/field";
import { formatDateTime } from "../ui/format";

type Props = {
  tasks: TaskOption[];
  backends: { id: string; name: string; kind: string }[];
};

type Created = { id: string; runs: number; skipped: SkippedPatient[] };

function ProgressBar({ batch }: { batch: BatchProgress }) {
  const { counts, total } = batch;
  const width = (n: number) => `${total ? (n / total) * 100 : 0}%`;
  return (
    <div className="flex h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-800" aria-hidden>
      <div className="bg-emerald-600" style={{ width: width(counts.done) }} />
      <div className="bg-red-600" style={{ width: width(counts.failed) }} />
      <div className="bg-amber-500" style={{ width: width(counts.cancelled) }} />
      <div className="bg-sky-500" style={{ width: width(counts.streaming) }} />
    </div>
  );
}

/** Admins: one task over many patients, and the progress of recent batches (polled). */
export function BatchPanel({ tasks, backends }: Props) {
  const queryClient = useQueryClient();
  const [selection, setSelection] = useState<"all" | "ids">("all");
  const batches = useQuery({
    queryKey: ["batches"],
    queryFn: () => fetchJson<{ batches: BatchProgress[] }>("/api/batches"),
    refetchInterval: (query) => (query.state.data?.batches.some((b) => !b.finishedAt) ? 2_000 : false),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ["batches"] });
  const create = useMutation({
    mutationFn: (body: { taskKey: string; backendId: string; patients: "all" | string[]; concurrency: number }) =>
      fetchJson<Created>("/api/batches", { method: "POST", body }),
    onSuccess: refresh,
  });
  const cancel = useMutation({
    mutationFn: (id: string) => fetchJson(`/api/batches/${id}/cancel`, { method: "POST" }),
    onSettled: refresh,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ids = String(form.get("ids") ?? "")
      .split(/[\s,;]+/)
      .filter(Boolean);
    create.mutate({
      taskKey: String(form.get("task")),
      backendId: String(form.get("backend")),
      patients: selection === "all" ? "all" : ids,
      concurrency: Number(form.get("concurrency")),
    });
  }

  const error = create.error ?? cancel.error;
  return (
    <section aria-labelledby="batch-heading" className="space-y-3">
      <h2 id="batch-heading" className="text-lg font-semibold">
        Batches
      </h2>
      <form
        onSubmit={onSubmit}
        aria-label="New batch"
        className="grid grid-cols-1 items-end gap-3 rounded border border-slate-200 bg-white p-4 text-sm md:grid-cols-[2fr_1.5fr_2fr_auto_auto] dark:border-slate-800 dark:bg-slate-900"
      >
        <SelectField
          id="batch-task"
          name="task"
          label="Task"
          defaultValue="labevents"
          options={tasks.map((task) => ({
            value: task.key,
            label: task.available ? task.title : `${task.title} — unavailable: ${task.reason}`,
            disabled: !task.available,
          }))}
        />
        <SelectField
          id="batch-backend"
          name="backend"
          label="Backend"
          options={backends.map((backend) => ({ value: backend.id, label: backend.name }))}
        />
        <fieldset>
          <legend className="font-medium">Patients</legend>
          <div className="mt-1 flex items-center gap-3">
            <label className="flex items-center gap-1">
              <input type="radio" checked={selection === "all"} onChange={() => setSelection("all")} /> all
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" checked={selection === "ids"} onChange={() => setSelection("ids")} /> by id
            </label>
            <input
              name="ids"
              aria-label="Patient ids"
              placeholder="subject ids, comma-separated"
              disabled={selection === "all"}
              required={selection === "ids"}
              className={`min-w-0 flex-1 ${inputClass}`}
            />
          </div>
        </fieldset>
        <div>
          <label htmlFor="batch-concurrency" className="block font-medium">
            At once
          </label>
          <input
            id="batch-concurrency"
            name="concurrency"
            type="number"
            min={1}
            max={16}
            defaultValue={2}
            className={`mt-1 w-20 ${inputClass}`}
          />
        </div>
        <Button type="submit" disabled={create.isPending}>
          Start batch
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
      {create.data ? (
        <p className="text-sm text-slate-700 dark:text-slate-300" role="status">
          Started {create.data.runs} run(s).
          {create.data.skipped.length
            ? ` Skipped ${create.data.skipped.length}: ${create.data.skipped
                .slice(0, 10)
                .map((s) => `${s.patient} (${s.reason})`)
                .join("; ")}${create.data.skipped.length > 10 ? "…" : ""}`
            : ""}
        </p>
      ) : null}
      <ul className="space-y-2" data-testid="batches">
        {(batches.data?.batches ?? []).map((batch) => (
          <li
            key={batch.id}
            className="space-y-1 rounded border border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900"
          >
            <div className="flex flex-wrap items-baseline gap-x-3">
              <Link href={`/runs?batch=${batch.id}`} className="font-medium text-sky-700 underline dark:text-sky-400">
                {batch.taskTitle}
              </Link>
              <span>{batch.backendName}</span>
              <span className="text-slate-600 dark:text-slate-400">
                {formatDateTime(batch.createdAt)} · {batch.concurrency} at once
              </span>
              <span className="ml-auto tabular-nums" data-testid="batch-counts">
                {batch.counts.done} done · {batch.counts.failed} failed · {batch.counts.streaming} running ·{" "}
                {batch.counts.queued} queued{batch.counts.cancelled ? ` · ${batch.counts.cancelled} cancelled` : ""} of{" "}
                {batch.total}
                {batch.finishedAt ? " · finished" : ""}
              </span>
              {!batch.finishedAt ? (
                <Button variant="danger" onClick={() => cancel.mutate(batch.id)} disabled={cancel.isPending}>
                  Cancel
                </Button>
              ) : null}
            </div>
            <ProgressBar batch={batch} />
          </li>
        ))}
      </ul>
    </section>
  );
}
