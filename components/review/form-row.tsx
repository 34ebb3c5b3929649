"use client";

// One row of the rating form: its label and its options, each with the key that picks it. The
// row itself takes the keyboard focus (a click or Tab into it makes it the highlighted row,
// where digits go); clicking an option works as well as its key.
import type { FormRow as Row, RowOption } from "@/lib/review/rating-form";
import { Keycap } from "./keycap";

/** Option labels short enough (agree/partly/disagree) to sit beside an item's name on one line. */
const INLINE_OPTION_CHARS = 24;

export function FormRow({
  row,
  value,
  isFocused,
  isDisabled,
  onPick,
  compact = false,
}: {
  row: Row;
  value: number | string | string[] | null;
  isFocused: boolean;
  isDisabled: boolean;
  onPick: (option: RowOption) => void;
  compact?: boolean;
}) {
  const isChosen = (option: RowOption) =>
    Array.isArray(value) ? value.includes(String(option.value)) : value === option.value;
  // Long scales (Likert 1–5) go under the name and wrap: the name is never squeezed out, no option cut off.
  const isInline =
    compact && row.options.reduce((total, option) => total + option.label.length, 0) <= INLINE_OPTION_CHARS;
  return (
    <div
      data-row={row.id}
      data-focused={isFocused || undefined}
      tabIndex={-1}
      className={`rounded border px-2 py-1.5 outline-none ${
        isFocused
          ? "border-sky-500 bg-sky-50 ring-1 ring-sky-500 dark:bg-sky-950"
          : "border-transparent hover:border-slate-200 dark:hover:border-slate-700"
      }`}
    >
      <div className={isInline ? "flex items-center justify-between gap-2" : ""}>
        <div className="min-w-0">
          <div className="text-sm font-medium break-words" title={row.label} data-row-label>
            {row.label}
          </div>
          {!compact && row.description ? (
            <div className="text-xs text-slate-600 dark:text-slate-400">{row.description}</div>
          ) : null}
        </div>
        <div
          role="radiogroup"
          aria-label={row.label}
          className={`flex flex-wrap gap-1 ${isInline ? "shrink-0" : "mt-1"}`}
        >
          {row.options.map((option) => (
            <button
              key={option.key}
              type="button"
              role={row.mode === "flags" ? "checkbox" : "radio"}
              aria-checked={isChosen(option)}
              disabled={isDisabled}
              title={option.definition || undefined}
              onClick={(event) => {
                event.stopPropagation();
                onPick(option);
              }}
              className={`flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs whitespace-nowrap ${
                isChosen(option)
                  ? "border-sky-700 bg-sky-700 text-white dark:border-sky-400 dark:bg-sky-500"
                  : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
              } disabled:opacity-60`}
            >
              <Keycap isInverted={isChosen(option)}>{option.key}</Keycap>
              {option.label}
            </button>
          ))}
        </div>
      </div>
      {isFocused && !compact && row.options.some((option) => option.definition) ? (
        <dl className="mt-1.5 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs text-slate-700 dark:text-slate-300">
          {row.options
            .filter((option) => option.definition)
            .map((option) => (
              <div key={option.key} className="contents">
                <dt className="font-medium whitespace-nowrap">
                  {option.key} · {option.label}
                </dt>
                <dd>{option.definition}</dd>
              </div>
            ))}
        </dl>
      ) : null}
    </div>
  );
}
