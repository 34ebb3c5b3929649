"use client";

// Patients for a queue by search, not by scrolling 128 checkboxes: type an id prefix or a
// name, add a result (or all that match), remove chosen ones from their chips. Keyboard: ↓
// from the search box to the results, ↑/↓ between them, Enter or Space toggles one, Escape
// back to the box; Enter in the box adds a single match (and never submits the form).
import { useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import {
  MAX_QUEUE_PATIENTS,
  addPatients,
  patientLabel,
  removePatient,
  type ChosenPatient,
} from "@/lib/review/patient-selection";
import { fetchAllMatching, usePatientSearch } from "./use-patient-search";

export function PatientPicker({
  chosen,
  onChange,
}: {
  chosen: readonly ChosenPatient[];
  onChange: (chosen: ChosenPatient[]) => void;
}) {
  const [query, setQuery] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const [addingAll, setAddingAll] = useState(false);
  const search = usePatientSearch(query);
  const resultsRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const held = new Set(chosen.map((patient) => patient.id));
  const results = search.data?.patients ?? [];
  const total = search.data?.total ?? 0;

  function add(more: readonly ChosenPatient[]) {
    const next = addPatients(chosen, more);
    onChange(next.chosen);
    setNote(
      next.dropped
        ? `${next.dropped} not added: a queue takes at most ${MAX_QUEUE_PATIENTS.toLocaleString("en")} patients.`
        : null,
    );
  }

  function toggle(patient: ChosenPatient) {
    if (held.has(patient.id)) onChange(removePatient(chosen, patient.id));
    else add([patient]);
  }

  async function addAllMatching() {
    setAddingAll(true);
    try {
      add(await fetchAllMatching(search.q));
    } catch (error) {
      setNote(error instanceof Error ? error.message : String(error));
    } finally {
      setAddingAll(false);
    }
  }

  const resultButtons = () => [...(resultsRef.current?.querySelectorAll("button") ?? [])];

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      resultButtons()[0]?.focus();
    } else if (event.key === "Enter") {
      // Enter in a text field would submit the whole form: here it picks the one match.
      event.preventDefault();
      if (results.length === 1 && search.settled) toggle(results[0]);
      else resultButtons()[0]?.focus();
    }
  }

  function onResultsKey(event: KeyboardEvent<HTMLUListElement>) {
    const buttons = resultButtons();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) inputRef.current?.focus();
      else buttons[Math.min(next, buttons.length - 1)].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      inputRef.current?.focus();
    }
  }

  return (
    <fieldset className="min-w-0 space-y-2 text-sm">
      <legend className="font-medium">Patients ({chosen.length})</legend>
      <div>
        <label htmlFor="queue-patient-search" className="block">
          Find patients
        </label>
        <div className="mt-1 flex flex-wrap gap-2">
          <input
            ref={inputRef}
            id="queue-patient-search"
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onSearchKey}
            placeholder="id prefix or name, e.g. 9000"
            autoComplete="off"
            aria-describedby="queue-patient-search-status"
            className={`min-w-0 flex-1 ${inputClass}`}
          />
          <Button variant="secondary" onClick={addAllMatching} disabled={!search.settled || total === 0 || addingAll}>
            {addingAll ? "Adding…" : `Add all ${total.toLocaleString("en")} matching`}
          </Button>
        </div>
        <p
          id="queue-patient-search-status"
          aria-live="polite"
          className="mt-1 text-xs text-slate-600 dark:text-slate-400"
        >
          {search.error
            ? search.error.message
            : search.data
              ? `${total.toLocaleString("en")} ${total === 1 ? "patient matches" : "patients match"}${
                  total > results.length ? `; the first ${results.length} are shown` : ""
                }.`
              : "Searching…"}
        </p>
      </div>
      {results.length ? (
        <ul
          ref={resultsRef}
          aria-label="Matching patients"
          onKeyDown={onResultsKey}
          className="grid max-h-56 grid-cols-1 gap-1 overflow-auto rounded border border-slate-200 p-1 sm:grid-cols-2 dark:border-slate-700"
        >
          {results.map((patient) => {
            const isChosen = held.has(patient.id);
            return (
              <li key={patient.id} className="min-w-0">
                <button
                  type="button"
                  aria-pressed={isChosen}
                  onClick={() => toggle(patient)}
                  className={`flex w-full min-w-0 items-center gap-2 rounded px-2 py-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800 ${
                    isChosen ? "bg-sky-50 dark:bg-sky-950" : ""
                  }`}
                >
                  <span aria-hidden="true" className="w-4 shrink-0 text-sky-700 dark:text-sky-400">
                    {isChosen ? "✓" : "+"}
                  </span>
                  <span className="truncate">
                    <span className="font-mono">{patient.externalId}</span>
                    {patient.name ? <span> · {patient.name}</span> : null}
                  </span>
                  <span className="ml-auto shrink-0 text-xs text-slate-600 dark:text-slate-400">
                    {patient.admissions} adm.
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {note ? <p className="text-xs text-amber-800 dark:text-amber-300">{note}</p> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">Chosen: {chosen.length}</span>
        {chosen.length ? (
          <Button variant="secondary" className="px-2 py-0.5 text-xs" onClick={() => onChange([])}>
            Remove all
          </Button>
        ) : null}
      </div>
      {chosen.length ? (
        <ul aria-label="Chosen patients" className="flex max-h-40 flex-wrap gap-1 overflow-auto">
          {chosen.map((patient) => (
            <li
              key={patient.id}
              className="flex max-w-full items-center gap-1 rounded-full border border-slate-300 bg-slate-50 py-0.5 pr-1 pl-2 text-xs dark:border-slate-600 dark:bg-slate-800"
            >
              <span className="truncate font-mono">{patientLabel(patient)}</span>
              <button
                type="button"
                aria-label={`Remove ${patient.externalId}`}
                onClick={() => onChange(removePatient(chosen, patient.id))}
                className="rounded-full px-1 hover:bg-slate-200 dark:hover:bg-slate-700"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-slate-600 dark:text-slate-400">No patient chosen yet.</p>
      )}
    </fieldset>
  );
}
