"use client";

// The model's reasoning, one block per step (splitSteps ids). In rubric queues each step is a
// keyboard row (focusable: a click or Tab into it makes it the highlighted row): flags toggle
// with w/u/i/h and n opens its note.
import type { ReviewStep } from "@/lib/review/get-review-item.types";
import { FLAG_KEYS, type FormRow, type RowOption } from "@/lib/review/rating-form";
import { STEP_FLAG_LABELS, STEP_FLAGS } from "@/lib/review/queue-config";
import type { StepAnnotation } from "@/lib/review/save-rating.types";
import { Keycap } from "./keycap";

export function ReasoningSteps({
  steps,
  flagRows,
  annotations,
  focusedRowId,
  activeRowId,
  isDisabled,
  onPick,
  onNote,
  noteInputId,
}: {
  steps: readonly ReviewStep[];
  /** Flag rows by step id, when steps are flagged in this queue. */
  flagRows?: ReadonlyMap<string, FormRow>;
  annotations?: readonly StepAnnotation[];
  /** The highlighted row, when the highlight shows (focus in a row or on nothing). */
  focusedRowId?: string;
  /** The row keys go to, highlighted or not: its note input stays while the rater types in it. */
  activeRowId?: string;
  isDisabled?: boolean;
  onPick?: (row: FormRow, option: RowOption) => void;
  onNote?: (stepId: string, note: string) => void;
  /** The id of the focused step's note input, so the n key can jump into it. */
  noteInputId?: string;
}) {
  if (!steps.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No reasoning was given.</p>;
  return (
    <ol className="space-y-1 text-sm">
      {steps.map((step, index) => {
        // A heading where a new section starts.
        const heading = index === 0 || steps[index - 1].section !== step.section ? step.section : null;
        const row = flagRows?.get(step.id);
        const annotation = annotations?.find((entry) => entry.step === step.id);
        const isFocused = Boolean(row && row.id === focusedRowId);
        const isActive = Boolean(row && row.id === activeRowId);
        return (
          <li
            key={step.id}
            data-row={row?.id}
            data-step={step.id}
            data-focused={isFocused || undefined}
            tabIndex={row ? -1 : undefined}
            className="outline-none"
          >
            {heading ? (
              <h3 className="mt-2 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
                {heading}
              </h3>
            ) : null}
            <div
              className={`rounded border px-2 py-1 ${
                isFocused
                  ? "border-sky-500 bg-sky-50 ring-1 ring-sky-500 dark:bg-sky-950"
                  : annotation?.flags.length
                    ? "border-amber-400 bg-amber-50 dark:border-amber-700 dark:bg-amber-950"
                    : "border-transparent"
              }`}
            >
              <div className="flex gap-2">
                <span className="w-6 shrink-0 text-right text-xs text-slate-600 dark:text-slate-400 tabular-nums">
                  {index + 1}
                </span>
                <p className="whitespace-pre-wrap">{step.text}</p>
              </div>
              {row ? (
                <div className="mt-1 ml-8 flex flex-wrap items-center gap-1">
                  {STEP_FLAGS.map((flag) => {
                    const option = row.options.find((candidate) => candidate.value === flag)!;
                    const isOn = Boolean(annotation?.flags.includes(flag));
                    return (
                      <button
                        key={flag}
                        type="button"
                        role="checkbox"
                        aria-checked={isOn}
                        disabled={isDisabled}
                        onClick={(event) => {
                          event.stopPropagation();
                          onPick?.(row, option);
                        }}
                        className={`flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs ${
                          isOn
                            ? "border-amber-600 bg-amber-600 text-white"
                            : "border-slate-300 bg-white hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
                        }`}
                      >
                        <Keycap isInverted={isOn}>{FLAG_KEYS[flag]}</Keycap>
                        {STEP_FLAG_LABELS[flag]}
                      </button>
                    );
                  })}
                  {isActive || annotation?.note ? (
                    <label className="ml-1 flex flex-1 items-center gap-1 text-xs">
                      <Keycap>n</Keycap>
                      <span className="sr-only">Note on step {index + 1}</span>
                      <input
                        id={isActive ? noteInputId : undefined}
                        value={annotation?.note ?? ""}
                        disabled={isDisabled}
                        onChange={(event) => onNote?.(step.id, event.target.value)}
                        placeholder="Note (why)"
                        className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1.5 py-0.5 dark:border-slate-600 dark:bg-slate-900"
                      />
                    </label>
                  ) : null}
                </div>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
