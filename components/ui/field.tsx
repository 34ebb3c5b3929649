import type { InputHTMLAttributes, SelectHTMLAttributes } from "react";

export const inputClass =
  // min-h: a select draws 2 px shorter than a text input of the same padding; side by side
  // in a filter bar they should line up.
  "block min-h-8.5 w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

export function Field({ label, id, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; id: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input id={id} {...props} className={`mt-1 ${inputClass}`} />
    </div>
  );
}

export type SelectOption = { value: string; label: string; disabled?: boolean };
/** Options under a heading (<optgroup>), e.g. tasks by group. */
export type SelectGroup = { group: string; options: SelectOption[] };

function OptionItem({ option }: { option: SelectOption }) {
  return (
    <option value={option.value} disabled={option.disabled}>
      {option.label}
    </option>
  );
}

/**
 * A labelled <select>: the select twin of Field, so forms don't restate the label markup.
 * `className` sizes the select (e.g. a fixed width in a filter bar); `wrapperClassName`
 * places the pair in its grid.
 */
export function SelectField({
  label,
  id,
  options,
  className = "",
  wrapperClassName = "",
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  id: string;
  options: (SelectOption | SelectGroup)[];
  wrapperClassName?: string;
}) {
  return (
    <div className={wrapperClassName}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select id={id} {...props} className={`mt-1 ${className} ${inputClass}`}>
        {options.map((item) =>
          "group" in item ? (
            <optgroup key={item.group} label={item.group}>
              {item.options.map((option) => (
                <OptionItem key={option.value} option={option} />
              ))}
            </optgroup>
          ) : (
            <OptionItem key={item.value} option={item} />
          ),
        )}
      </select>
    </div>
  );
}
