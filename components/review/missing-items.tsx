"use client";

// Items the clinician would have predicted but the model did not: typed, Enter adds, the list
// can be edited. m focuses the input from anywhere on the page.
import { useState } from "react";
import { Keycap } from "./keycap";

export function MissingItems({
  inputId,
  items,
  isDisabled,
  onChange,
}: {
  inputId: string;
  items: readonly string[];
  isDisabled: boolean;
  onChange: (items: string[]) => void;
}) {
  const [text, setText] = useState("");
  const add = () => {
    const item = text.trim();
    if (!item || items.some((existing) => existing.toLowerCase() === item.toLowerCase())) return;
    onChange([...items, item]);
    setText("");
  };
  return (
    <div className="text-sm">
      <label htmlFor={inputId} className="flex items-center gap-1 font-medium">
        Missing items you would add <Keycap>m</Keycap>
      </label>
      <ul className="mt-1 flex flex-wrap gap-1">
        {items.map((item) => (
          <li
            key={item}
            className="flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800"
          >
            {item}
            <button
              type="button"
              aria-label={`Remove ${item}`}
              disabled={isDisabled}
              onClick={() => onChange(items.filter((existing) => existing !== item))}
              className="text-slate-600 dark:text-slate-400 hover:text-red-700"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={inputId}
        value={text}
        disabled={isDisabled}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
            event.preventDefault();
            add();
          }
        }}
        placeholder="Type an item, Enter to add"
        className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900"
      />
    </div>
  );
}
