"use client";

// The pairwise criteria of the queue form: what raters answer A, B or tie to (key, label,
// description), added, removed and reordered with buttons, each error beside its field.
// Errors come from checkPairwise, i.e. the schema POST /api/queues applies.
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { CriterionToolbar } from "./criterion-toolbar";
import {
  addPairwiseCriterion,
  checkPairwise,
  movePairwiseCriterion,
  removePairwiseCriterion,
  updatePairwiseCriterion,
  type PairwiseCriterionDraft,
  type PairwiseDraft,
} from "@/lib/review/pairwise-draft";

const smallButton = "px-2 py-0.5 text-xs";
const errorText = "mt-0.5 text-xs text-red-700 dark:text-red-400";

type Field = "key" | "label" | "description";

export function PairwiseCriteriaEditor({
  draft,
  onChange,
}: {
  draft: PairwiseDraft;
  onChange: (draft: PairwiseDraft) => void;
}) {
  const base = useId();
  const errors = checkPairwise(draft).errors ?? {};
  const idFor = (path: string) => `${base}-${path.replaceAll(".", "-")}`;

  function input(criterion: PairwiseCriterionDraft, index: number, field: Field, label: string, wide = false) {
    const path = `${index}.${field}`;
    const error = errors[path];
    return (
      <div className={wide ? "md:col-span-2" : undefined}>
        <label htmlFor={idFor(path)} className="block font-medium">
          {label}
        </label>
        <input
          id={idFor(path)}
          value={criterion[field]}
          onChange={(event) => onChange(updatePairwiseCriterion(draft, index, { [field]: event.target.value }))}
          className={`mt-1 ${field === "key" ? "font-mono " : ""}${inputClass}`}
          autoComplete="off"
          spellCheck={field !== "key"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${idFor(path)}-error` : undefined}
        />
        {error ? (
          <p id={`${idFor(path)}-error`} className={errorText}>
            {error}
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <fieldset className="min-w-0 space-y-2 text-sm" aria-describedby={errors[""] ? `${base}-error` : undefined}>
      <legend className="font-medium">Pairwise criteria: each answered A, B or tie ({draft.length})</legend>
      {errors[""] ? (
        <p id={`${base}-error`} className={errorText}>
          {errors[""]}
        </p>
      ) : null}
      <ol className="space-y-3">
        {draft.map((criterion, index) => {
          const name = `Pairwise criterion ${index + 1}`;
          return (
            <li key={criterion.id}>
              <fieldset
                className="min-w-0 space-y-2 rounded border border-slate-200 p-3 dark:border-slate-700"
                aria-label={name}
              >
                <CriterionToolbar
                  name={name}
                  index={index}
                  count={draft.length}
                  onMove={(delta) => onChange(movePairwiseCriterion(draft, index, delta))}
                  onRemove={() => onChange(removePairwiseCriterion(draft, index))}
                />
                <div className="grid grid-cols-1 gap-2 md:grid-cols-3">
                  {input(criterion, index, "key", "Key")}
                  {input(criterion, index, "label", "Label", true)}
                </div>
                {input(criterion, index, "description", "Question to the rater")}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button variant="secondary" className={smallButton} onClick={() => onChange(addPairwiseCriterion(draft))}>
        + Add a criterion
      </Button>
    </fieldset>
  );
}
