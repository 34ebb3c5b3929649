"use client";

// The study lead's "new queue" form: protocol (kind, scale or rubric, reviewers per item,
// reservation, blind options), reviewers, and the items as patients × a task, whose cut-offs
// the server suggests from each record. The rubric is edited as JSON: criteria with anchored
// levels are data, and the server validates them with the same schema the rating form uses.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, SelectField, inputClass } from "@/components/ui/field";
import { fetchJson } from "@/lib/http/fetch-json";
import type { CreateQueueResponse } from "@/lib/review/create-queue.types";
import {
  AGREE_PARTLY_DISAGREE,
  DEFAULT_PAIRWISE,
  DEFAULT_RUBRIC,
  LIKERT_5,
  type ReviewKind,
} from "@/lib/review/queue-config";

export type QueueFormOptions = {
  patients: { id: string; externalId: string; name: string | null; admissions: number }[];
  tasks: { key: string; title: string; available: boolean }[];
  backends: { id: string; name: string }[];
  reviewers: { id: string; name: string; email: string; roles: string[] }[];
};

const SCALES = { apd: AGREE_PARTLY_DISAGREE, likert5: LIKERT_5 } as const;

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not valid JSON.`);
  }
}

export function CreateQueueForm({ options }: { options: QueueFormOptions }) {
  const [kind, setKind] = useState<ReviewKind>("agreement");
  const [patientIds, setPatientIds] = useState<string[]>([]);
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [criteriaText, setCriteriaText] = useState(() => JSON.stringify(DEFAULT_RUBRIC, null, 2));
  const [pairwiseText, setPairwiseText] = useState(() => JSON.stringify(DEFAULT_PAIRWISE, null, 2));
  const [formError, setFormError] = useState<string | null>(null);
  const router = useRouter();
  const create = useMutation({
    mutationFn: (body: unknown) => fetchJson<CreateQueueResponse>("/api/queues", { method: "POST", body }),
    // The queue list above is the server's: fetch it again so the new queue is in it.
    onSuccess: () => router.refresh(),
  });
  const taskOptions = options.tasks
    .filter((task) => task.available)
    .map((task) => ({ value: task.key, label: task.title }));
  const backendOptions = options.backends.map((backend) => ({ value: backend.id, label: backend.name }));
  const [backendA, setBackendA] = useState("baseline");
  const [backendB, setBackendB] = useState(() => otherBackend(options.backends, "baseline"));
  const [isBChosen, setIsBChosen] = useState(false);
  /** A pairwise study compares two backends: choosing A moves B off it, unless B was picked by hand elsewhere. */
  function chooseBackendA(id: string) {
    setBackendA(id);
    if (backendB === id || !isBChosen) setBackendB(otherBackend(options.backends, id));
  }

  function toggle(list: string[], id: string, set: (next: string[]) => void) {
    set(list.includes(id) ? list.filter((held) => held !== id) : [...list, id]);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const form = new FormData(event.currentTarget);
    try {
      const config =
        kind === "agreement"
          ? { agreementScale: SCALES[String(form.get("scale")) as keyof typeof SCALES] }
          : kind === "rubric"
            ? { criteria: parseJson(criteriaText, "The rubric"), stepFlags: form.get("stepFlags") === "on" }
            : { pairwiseCriteria: parseJson(pairwiseText, "The pairwise criteria") };
      const reservation = String(form.get("reservationMinutes") || "");
      create.mutate({
        name: String(form.get("name")),
        kind,
        config,
        reviewersPerItem: Number(form.get("reviewersPerItem")),
        reservationMinutes: reservation ? Number(reservation) : null,
        hideAfterCutoff: form.get("hideAfterCutoff") === "on",
        groundTruthAfterRating: form.get("groundTruthAfterRating") === "on",
        guidelines: String(form.get("guidelines") ?? ""),
        memberIds,
        selection: {
          patientIds,
          taskKeys: [String(form.get("taskKey"))],
          backendId: String(form.get("backendId")),
          ...(kind === "pairwise" ? { backendBId: String(form.get("backendBId")) } : {}),
        },
      });
    } catch (error) {
      setFormError(error instanceof Error ? error.message : String(error));
    }
  }

  const error = formError ?? create.error?.message ?? null;
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Create a queue"
      className="space-y-4 rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="grid grid-cols-1 gap-3 md:grid-cols-4">
        <Field id="queue-name" name="name" label="Name" required placeholder="e.g. Lab tests, pilot" />
        <fieldset className="text-sm">
          <legend className="font-medium">Kind</legend>
          <div className="mt-1 flex gap-3">
            {(["agreement", "rubric", "pairwise"] as const).map((value) => (
              <label key={value} className="flex items-center gap-1">
                <input type="radio" name="kind" checked={kind === value} onChange={() => setKind(value)} /> {value}
              </label>
            ))}
          </div>
        </fieldset>
        <Field
          id="queue-reviewers-per-item"
          name="reviewersPerItem"
          label="Reviewers per item"
          type="number"
          min={1}
          max={20}
          defaultValue={2}
          required
        />
        <Field
          id="queue-reservation"
          name="reservationMinutes"
          label="Reservation (minutes, empty: none)"
          type="number"
          min={1}
          defaultValue={60}
        />
      </div>

      <div className="grid grid-cols-1 gap-3 md:grid-cols-4">
        <SelectField
          wrapperClassName="text-sm"
          id="queue-task"
          name="taskKey"
          label="Task"
          required
          options={taskOptions}
        />
        <SelectField
          wrapperClassName="text-sm"
          id="queue-backend"
          name="backendId"
          label={kind === "pairwise" ? "Backend A" : "Backend"}
          value={backendA}
          onChange={(event) => chooseBackendA(event.target.value)}
          options={backendOptions}
        />
        {kind === "pairwise" ? (
          <SelectField
            wrapperClassName="text-sm"
            id="queue-backend-b"
            name="backendBId"
            label="Backend B"
            value={backendB}
            onChange={(event) => {
              setBackendB(event.target.value);
              setIsBChosen(true);
            }}
            options={backendOptions}
          />
        ) : null}
        {kind === "agreement" ? (
          <SelectField
            wrapperClassName="text-sm"
            id="queue-scale"
            name="scale"
            label="Agreement scale"
            defaultValue="apd"
            options={[
              { value: "apd", label: "Agree / partly / disagree" },
              { value: "likert5", label: "Likert 1–5" },
            ]}
          />
        ) : null}
        <fieldset className="text-sm">
          <legend className="font-medium">Blind protocol</legend>
          <label className="mt-1 flex items-center gap-1">
            <input type="checkbox" name="hideAfterCutoff" /> Hide the record after the cut-off
          </label>
          <label className="flex items-center gap-1">
            <input type="checkbox" name="groundTruthAfterRating" defaultChecked /> Ground truth only after rating
          </label>
        </fieldset>
      </div>

      {kind === "rubric" ? (
        <div className="text-sm">
          <label htmlFor="queue-rubric" className="font-medium">
            Rubric: criteria with anchored levels (JSON)
          </label>
          <textarea
            id="queue-rubric"
            value={criteriaText}
            onChange={(event) => setCriteriaText(event.target.value)}
            rows={8}
            className={`mt-1 font-mono text-xs ${inputClass}`}
          />
          <label className="mt-1 flex items-center gap-1">
            <input type="checkbox" name="stepFlags" defaultChecked /> Flag reasoning steps (wrong fact, unsupported,
            irrelevant, harmful)
          </label>
        </div>
      ) : null}
      {kind === "pairwise" ? (
        <div className="text-sm">
          <label htmlFor="queue-pairwise" className="font-medium">
            Pairwise criteria (JSON)
          </label>
          <textarea
            id="queue-pairwise"
            value={pairwiseText}
            onChange={(event) => setPairwiseText(event.target.value)}
            rows={6}
            className={`mt-1 font-mono text-xs ${inputClass}`}
          />
        </div>
      ) : null}

      <div className="text-sm">
        <label htmlFor="queue-guidelines" className="font-medium">
          Guidelines for reviewers (Markdown, optional; shown beside every item)
        </label>
        <textarea
          id="queue-guidelines"
          name="guidelines"
          rows={3}
          maxLength={50_000}
          className={`mt-1 ${inputClass}`}
        />
      </div>

      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <fieldset className="text-sm">
          <legend className="font-medium">Reviewers ({memberIds.length})</legend>
          <div className="mt-1 max-h-48 space-y-0.5 overflow-auto rounded border border-slate-200 p-2 dark:border-slate-700">
            {options.reviewers.map((reviewer) => (
              <label key={reviewer.id} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={memberIds.includes(reviewer.id)}
                  onChange={() => toggle(memberIds, reviewer.id, setMemberIds)}
                />
                {reviewer.name}{" "}
                <span className="text-slate-600 dark:text-slate-400">({reviewer.roles.join(", ")})</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="text-sm">
          <legend className="font-medium">
            Patients ({patientIds.length}){" "}
            <button
              type="button"
              className="ml-2 text-xs text-sky-700 underline dark:text-sky-400"
              onClick={() =>
                setPatientIds(
                  patientIds.length === options.patients.length ? [] : options.patients.map((patient) => patient.id),
                )
              }
            >
              {patientIds.length === options.patients.length ? "none" : "all"}
            </button>
          </legend>
          <div className="mt-1 grid max-h-48 grid-cols-2 gap-0.5 overflow-auto rounded border border-slate-200 p-2 dark:border-slate-700">
            {options.patients.map((patient) => (
              <label key={patient.id} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={patientIds.includes(patient.id)}
                  onChange={() => toggle(patientIds, patient.id, setPatientIds)}
                />
                <span className="font-mono">{patient.externalId}</span>
                <span className="text-slate-600 dark:text-slate-400">{patient.admissions} adm.</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {create.data ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          Created “{create.data.queue.name}” with {create.data.queue.items} items
          {create.data.skipped.length
            ? ` (${create.data.skipped.length} skipped: ${create.data.skipped[0].reason})`
            : ""}
          .{" "}
          <Link className="underline" href={`/queues/${create.data.queue.id}`}>
            Open it to generate its runs
          </Link>
        </p>
      ) : null}
      <Button type="submit" disabled={create.isPending}>
        Create queue
      </Button>
    </form>
  );
}

/** The first backend other than `id` (a pairwise default), or `id` itself when it is the only one. */
function otherBackend(backends: readonly { id: string }[], id: string): string {
  return backends.find((backend) => backend.id !== id)?.id ?? id;
}
