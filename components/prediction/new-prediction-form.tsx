"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import type { BackendStatus } from "@/lib/runs/list-backends";
import { predictionCutoff } from "@/lib/runs/prediction-cutoff";
import type { TaskOption, TaskOptions } from "@/lib/runs/task-options";
import { Button } from "../ui/button";
import { SelectField, inputClass } from "../ui/field";
import { formatDateTime } from "../ui/format";

const GROUPS = [
  ["decision_making", "Decision making"],
  ["risk_prediction", "Risk prediction"],
] as const;

// <input type="datetime-local"> has no time zone; the app shows and takes UTC everywhere.
const toInput = (iso: string) => iso.slice(0, 19);
const fromInput = (value: string) => new Date(`${value}Z`).toISOString();

function defaultTask(tasks: readonly TaskOption[]): string {
  return (tasks.find((t) => t.key === "labevents" && t.available) ?? tasks.find((t) => t.available) ?? tasks[0]).key;
}

/**
 * "New prediction" for one patient: task, admission and cut-off, backend; → the run page.
 * Beside a timeline, `timelineCutoff` (the timeline's cut-off) is the default cut-off.
 */
export function NewPredictionForm({
  patientId,
  timelineCutoff = null,
}: {
  patientId: string;
  timelineCutoff?: string | null;
}) {
  const router = useRouter();
  const options = useQuery({
    queryKey: ["task-options", patientId],
    queryFn: () => fetchJson<TaskOptions>(`/api/tasks?patientId=${encodeURIComponent(patientId)}`),
  });
  const backends = useQuery({
    queryKey: ["backends"],
    queryFn: () => fetchJson<{ backends: BackendStatus[] }>("/api/backends"),
  });
  const [taskKey, setTaskKey] = useState<string | null>(null);
  const [admissionId, setAdmissionId] = useState<string | null>(null);
  // The user's own cut-off, typed while the timeline's was `against`; null (or a timeline
  // cut-off moved since) follows the timeline's cut-off, else the task's suggestion.
  const [typed, setTyped] = useState<{ value: string; against: string | null } | null>(null);
  const cutoffInput = typed && typed.against === timelineCutoff ? typed.value : null;
  const setCutoffInput = (value: string | null) => setTyped(value === null ? null : { value, against: timelineCutoff });
  const [backendId, setBackendId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (body: { patientId: string; taskKey: string; cutoff: string; backendId: string }) =>
      fetchJson<{ id: string }>("/api/runs", { method: "POST", body }),
    onSuccess: ({ id }) => router.push(`/runs/${id}`),
  });

  if (options.error || backends.error) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {(options.error ?? backends.error)!.message}
      </p>
    );
  }
  if (!options.data || !backends.data)
    return <p className="text-sm text-slate-600 dark:text-slate-400">Loading tasks…</p>;

  const { tasks, admissions } = options.data;
  const task = tasks.find((t) => t.key === (taskKey ?? defaultTask(tasks)))!;
  const chosen = predictionCutoff({ admissions, taskKey: task.key, admissionId, timelineCutoff });
  const { admission, suggested } = chosen;
  const cutoff = cutoffInput ?? (chosen.cutoff ? toInput(chosen.cutoff) : "");
  const backendList = backends.data.backends;
  const backend =
    backendList.find((b) => b.id === backendId) ?? backendList.find((b) => b.kind !== "baseline") ?? backendList[0];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!cutoff) return;
    start.mutate({ patientId, taskKey: task.key, cutoff: fromInput(cutoff), backendId: backend.id });
  }

  return (
    <form
      onSubmit={onSubmit}
      aria-label="New prediction"
      className="space-y-3 rounded border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="text-base font-semibold">New prediction</h2>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <div className="md:col-span-2">
          <SelectField
            id="prediction-task"
            label="Task"
            value={task.key}
            onChange={(event) => {
              setTaskKey(event.target.value);
              setCutoffInput(null);
            }}
            options={GROUPS.map(([group, label]) => ({
              group: label,
              options: tasks
                .filter((t) => t.group === group)
                .map((t) => ({
                  value: t.key,
                  label: t.available ? t.title : `${t.title} — unavailable: ${t.reason}`,
                  disabled: !t.available,
                })),
            }))}
          />
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Context: {task.contextRule}. Ground truth: {task.groundTruth}.
          </p>
        </div>
        <SelectField
          id="prediction-admission"
          label="Admission"
          value={admission?.id ?? ""}
          disabled={!admissions.length}
          onChange={(event) => {
            setAdmissionId(event.target.value);
            setCutoffInput(null);
          }}
          options={
            admissions.length
              ? admissions.map((a) => ({
                  value: a.id,
                  label: `${a.externalId} · ${formatDateTime(a.start)} – ${formatDateTime(a.end)}`,
                }))
              : [{ value: "", label: "No admissions in this record" }]
          }
        />
        <div>
          <label htmlFor="prediction-cutoff" className="block font-medium">
            Cut-off (UTC)
          </label>
          <input
            id="prediction-cutoff"
            type="datetime-local"
            step={1}
            required
            className={`mt-1 ${inputClass}`}
            value={cutoff}
            onChange={(event) => setCutoffInput(event.target.value)}
          />
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            {cutoffInput !== null
              ? "Yours; the model sees only what happened before it."
              : chosen.from === "timeline"
                ? "The timeline's cut-off; the model sees only what happened before it."
                : suggested
                  ? "Suggested by the task's rule; the model sees only what happened before it."
                  : "This admission has no point the task's rule anchors on: choose a cut-off."}
            {chosen.from === "timeline" && suggested && cutoffInput === null ? (
              <>
                {" "}
                <button
                  type="button"
                  className="text-sky-700 underline dark:text-sky-400"
                  onClick={() => setCutoffInput(toInput(suggested))}
                >
                  Use the task&apos;s suggestion ({formatDateTime(suggested)})
                </button>
              </>
            ) : null}
          </p>
        </div>
        <SelectField
          id="prediction-backend"
          label="Backend"
          wrapperClassName="md:col-span-2"
          value={backend.id}
          onChange={(event) => setBackendId(event.target.value)}
          options={backendList.map((b) => ({ value: b.id, label: b.name }))}
        />
      </div>
      {start.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {start.error.message}
        </p>
      ) : null}
      <Button type="submit" disabled={start.isPending || !task.available || !cutoff}>
        {start.isPending ? "Starting…" : "Start prediction"}
      </Button>
    </form>
  );
}
