"use client";

// The patient list's search and filters: a plain GET form (works without JavaScript) that
// submits itself when a filter changes, keeping the current sort.
import { useRef, type ReactNode } from "react";

export function PatientFilters({ children }: { children: ReactNode }) {
  const form = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={form}
      role="search"
      aria-label="Search and filter patients"
      className="flex flex-wrap items-end gap-2"
      onChange={(event) => {
        // Typing in the search box waits for Enter; selects and checkboxes apply at once.
        if ((event.target as HTMLElement).getAttribute("type") !== "search") form.current?.requestSubmit();
      }}
    >
      {children}
    </form>
  );
}
