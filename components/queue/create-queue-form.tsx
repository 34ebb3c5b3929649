"use client";

// The study lead's "new queue" form: protocol (kind, scale or rubric, reviewers per item,
// reservation, blind options), reviewers, and the items as searched patients × any number of
// tasks, whose cut-offs the server suggests from each record. Before submitting, the server
// previews the selection: how many items it makes and why each other pair cannot. The rubric
// has an editor (JSON only as an advanced view); both go through the API's own schema.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, SelectField, inputClass } from "@/components/ui/field";
import { fetchJson } from "@/lib/http/fetch-json";
import type { CreateQueueResponse } from "@/lib/review/create-queue.types";
import type { ChosenPatient } from "@/lib/review/patient-selection";
import {
  AGREE_PARTLY_DISAGREE,
  DEFAULT_PAIRWISE,
  DEFAULT_RUBRIC,
  LIKERT_5,
  type ReviewKind,
} from "@/lib/review/queue-config";
import { backendBAfter, defaultBackend, otherBackend, type BackendChoice } from "@/lib/review/queue-backend-defaults";
import { checkPairwise, pairwiseDraftFrom } from "@/lib/review/pairwise-draft";
import { checkRubric, draftFromCriteria } from "@/lib/review/rubric-draft";
import { PairwiseCriteriaEditor } from "./pairwise-criteria-editor";
import { PatientPicker } from "./patient-picker";
import { RubricEditor } from "./rubric-editor";
import { SelectionPreview } from "./selection-preview";
import { TaskPicker, type TaskChoice } from "./task-picker";

export type QueueFormOptions = {
  tasks: TaskChoice[];
  backends: (BackendChoice & { name: string })[];
  reviewers: { id: string; name: string; email: string; roles: string[] }[];
};

const SCALES = { apd: AGREE_PARTLY_DISAGREE, likert5: LIKERT_5 } as const;

export function CreateQueueForm({ options }: { options: QueueFormOptions }) {
  const [kind, setKind] = useState<ReviewKind>("agreement");
  const [patients, setPatients] = useState<ChosenPatient[]>([]);
  const [taskKeys, setTaskKeys] = useState<string[]>([]);
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [rubric, setRubric] = useState(() => draftFromCriteria(DEFAULT_RUBRIC));
  const [rubricJsonError, setRubricJsonError] = useState<string | null>(null);
  const [pairwise, setPairwise] = useState(() => pairwiseDraftFrom(DEFAULT_PAIRWISE));
  const [formError, setFormError] = useState<string | null>(null);
  const router = useRouter();
  const create = useMutation({
    mutationFn: (body: unknown) => fetchJson<CreateQueueResponse>("/api/queues", { method: "POST", body }),
    // The queue list above is the server's: fetch it again so the new queue is in it.
    onSuccess: () => router.refresh(),
  });
  const backendOptions = options.backends.map((backend) => ({ value: backend.id, label: backend.name }));
  const [backendA, setBackendA] = useState(() => defaultBackend(options.backends));
  const [backendB, setBackendB] = useState(() => otherBackend(options.backends, defaultBackend(options.backends)));
  const [isBChosen, setIsBChosen] = useState(false);
  /** A pairwise study compares two backends: choosing A moves B off it, unless B was picked by hand elsewhere. */
  function chooseBackendA(id: string) {
    setBackendA(id);
    setBackendB(backendBAfter(options.backends, id, backendB, isBChosen));
  }
  /** A refusal from the last submit no longer holds once what it was about changes. */
  function changed<T>(set: (value: T) => void) {
    return (value: T) => {
      set(value);
      setFormError(null);
    };
  }
  const selection = {
    patientIds: patients.map((patient) => patient.id),
    taskKeys,
    backendId: backendA,
    ...(kind === "pairwise" ? { backendBId: backendB } : {}),
  };

  function toggle(list: string[], id: string, set: (next: string[]) => void) {
    set(list.includes(id) ? list.filter((held) => held !== id) : [...list, id]);
  }

  /** The editor's criteria as the API takes them, or why not (each error is beside its field). */
  function rubricCriteria() {
    if (rubricJsonError) throw new Error(rubricJsonError);
    const checked = checkRubric(rubric);
    if (checked.errors) {
      const count = Object.keys(checked.errors).length;
      throw new Error(`The rubric has ${count} ${count === 1 ? "error" : "errors"}: see the marked fields.`);
    }
    return checked.criteria;
  }

  /** The pairwise criteria as the API takes them, or why not (each error is beside its field). */
  function pairwiseCriteria() {
    const checked = checkPairwise(pairwise);
    if (checked.errors) {
      const count = Object.keys(checked.errors).length;
      throw new Error(
        `The pairwise criteria have ${count} ${count === 1 ? "error" : "errors"}: see the marked fields.`,
      );
    }
    return checked.criteria;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const form = new FormData(event.currentTarget);
    try {
      if (!patients.length) throw new Error("Choose at least one patient.");
      if (!taskKeys.length) throw new Error("Choose at least one task.");
      const config =
        kind === "agreement"
          ? { agreementScale: SCALES[String(form.get("scale")) as keyof typeof SCALES] }
          : kind === "rubric"
            ? { criteria: rubricCriteria(), stepFlags: form.get("stepFlags") === "on" }
            : { pairwiseCriteria: pairwiseCriteria() };
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
        selection,
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
          <div className="mt-1 flex flex-wrap gap-x-3">
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
          <RubricEditor draft={rubric} onChange={changed(setRubric)} onJsonError={setRubricJsonError} />
          <label className="mt-2 flex items-center gap-1">
            <input type="checkbox" name="stepFlags" defaultChecked /> Flag reasoning steps (wrong fact, unsupported,
            irrelevant, harmful)
          </label>
        </div>
      ) : null}
      {kind === "pairwise" ? <PairwiseCriteriaEditor draft={pairwise} onChange={changed(setPairwise)} /> : null}

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
        <PatientPicker chosen={patients} onChange={changed(setPatients)} />
        <TaskPicker tasks={options.tasks} chosen={taskKeys} onChange={changed(setTaskKeys)} />
      </div>
      <SelectionPreview kind={kind} selection={selection} patients={patients} tasks={options.tasks} />

      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <fieldset className="min-w-0 text-sm">
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
      </div>

      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {create.data ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          Created “{create.data.queue.name}” with {create.data.queue.items}{" "}
          {create.data.queue.items === 1 ? "item" : "items"}
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
