"use client";

// Tabs for the panel beside the table (trends, notes, details): WAI-ARIA tabs with arrow
// keys moving between them. Every panel stays mounted, so a half-read note keeps its place.
import { useRef, type KeyboardEvent, type ReactNode } from "react";

export type PanelTab<K extends string> = { key: K; label: string; content: ReactNode };

export function PanelTabs<K extends string>({
  tabs,
  active,
  onChange,
}: {
  tabs: readonly PanelTab<K>[];
  active: K;
  onChange: (key: K) => void;
}) {
  const buttons = useRef(new Map<K, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.key === active);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length].key;
    onChange(next);
    buttons.current.get(next)?.focus();
  }

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div
        role="tablist"
        aria-label="Beside the table"
        onKeyDown={onKeyDown}
        className="flex shrink-0 border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60"
      >
        {tabs.map((tab) => (
          <button
            key={tab.key}
            ref={(element) => {
              if (element) buttons.current.set(tab.key, element);
            }}
            type="button"
            role="tab"
            id={`tab-${tab.key}`}
            aria-selected={tab.key === active}
            aria-controls={`panel-${tab.key}`}
            tabIndex={tab.key === active ? 0 : -1}
            onClick={() => onChange(tab.key)}
            className={`border-b-2 px-3 py-1 text-xs font-medium ${
              tab.key === active
                ? "border-sky-600 text-slate-900 dark:border-sky-400 dark:text-slate-100"
                : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
            }`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.key}
          role="tabpanel"
          id={`panel-${tab.key}`}
          aria-labelledby={`tab-${tab.key}`}
          hidden={tab.key !== active}
          className="min-h-0 flex-1"
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}
