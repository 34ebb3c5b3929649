"use client";

// Light, dark, or whatever the operating system prefers (the default). Tailwind's `dark:`
// variant keys on a "dark" class on <html> (app/globals.css); this sets it from the stored
// choice and follows prefers-color-scheme live. Self-contained: mount it anywhere.
import { useEffect, useSyncExternalStore } from "react";

type Theme = "system" | "light" | "dark";

const STORAGE_KEY = "ehr-theme";
const THEMES: readonly Theme[] = ["system", "light", "dark"];
const listeners = new Set<() => void>();

function storedTheme(): Theme {
  const value = window.localStorage.getItem(STORAGE_KEY);
  return THEMES.includes(value as Theme) ? (value as Theme) : "system";
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  media.addEventListener("change", listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    media.removeEventListener("change", listener);
    window.removeEventListener("storage", listener);
  };
}

function isDark(theme: Theme): boolean {
  return theme === "dark" || (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
}

export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, storedTheme, () => "system" as Theme);
  const dark = useSyncExternalStore(
    subscribe,
    () => isDark(storedTheme()),
    () => false,
  );

  useEffect(() => {
    document.documentElement.classList.toggle("dark", dark);
  }, [dark]);

  function choose(next: Theme) {
    if (next === "system") window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, next);
    listeners.forEach((listener) => listener());
  }

  return (
    <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
      Theme
      <select
        value={theme}
        onChange={(event) => choose(event.target.value as Theme)}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
