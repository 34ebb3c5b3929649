"use client";

// The review workspace's keyboard and focus, in one place: the highlighted row is the row that
// holds the keyboard focus (a key that moves the highlight moves the focus; Tab or a click
// into a row moves the highlight), and every key press goes through resolveKey
// (lib/review/review-keys.ts), which decides what it means. The workspace carries the
// resulting actions out.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { resolveKey, type FocusPlace, type KeyAction, type KeyContext } from "@/lib/review/review-keys";
import type { FormRow } from "@/lib/review/rating-form";

const CONTROL_INPUT_TYPES = new Set([
  "button",
  "checkbox",
  "color",
  "file",
  "image",
  "radio",
  "range",
  "reset",
  "submit",
]);

/** Where `element` (document.activeElement) is, for the keyboard model. */
export function focusPlaceOf(element: Element | null): FocusPlace {
  if (!element || element === document.body || element === document.documentElement) return "none";
  if (element instanceof HTMLInputElement) return CONTROL_INPUT_TYPES.has(element.type) ? "control" : "text";
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return "text";
  if (element instanceof HTMLElement && element.isContentEditable) return "text";
  if (element.closest("[data-own-keys]")) return "own-keys";
  if (element.closest("[data-row]")) return "row";
  return "control";
}

const rowIdOf = (element: Element | null) => element?.closest("[data-row]")?.getAttribute("data-row") ?? null;

function focusRowElement(row: FormRow, preventScroll: boolean) {
  const element = document.querySelector<HTMLElement>(`[data-row="${row.id}"]`);
  if (!element) return;
  element.focus({ preventScroll: true });
  if (!preventScroll) element.scrollIntoView?.({ block: "nearest" });
}

export function useReviewKeys({
  rows,
  initialIndex,
  context,
  onAction,
}: {
  rows: readonly FormRow[];
  initialIndex: number;
  /** Everything resolveKey needs except where focus is and which row it names. */
  context: Omit<KeyContext, "place" | "row" | "isPaused">;
  /**
   * Carries out an action resolveKey chose (move, pause and resume are handled here). For a
   * pick, returns how to take it back (when the next key shows it was the start of typed text).
   */
  onAction: (action: KeyAction) => (() => void) | void;
}) {
  const [active, setActive] = useState(() => Math.min(Math.max(initialIndex, 0), rows.length - 1));
  const [place, setPlace] = useState<FocusPlace>("none");
  const [isPaused, setIsPaused] = useState(false);

  const focusRow = useCallback(
    (index: number, options: { preventScroll?: boolean } = {}) => {
      const bounded = Math.min(Math.max(index, 0), rows.length - 1);
      setActive(bounded);
      focusRowElement(rows[bounded], Boolean(options.preventScroll));
    },
    [rows],
  );

  // How to take back the pick the last key made, while no other key has acted since and the
  // rater has not moved the focus themselves.
  const lastPickUndo = useRef<(() => void) | null>(null);
  const isPickThenSpace = useRef(false);

  // Focus moving into a row (Tab, a click) makes it the highlighted row and resumes paused shortcuts.
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      // Only the rows themselves are focused by the form (after a pick); anything else is the rater's move.
      if (!target?.matches("[data-row]")) lastPickUndo.current = null;
      const nextPlace = focusPlaceOf(target);
      setPlace(nextPlace);
      const id = nextPlace === "row" ? rowIdOf(target) : null;
      const index = id ? rows.findIndex((row) => row.id === id) : -1;
      if (index >= 0) {
        setActive(index);
        setIsPaused(false);
      }
    };
    const onFocusOut = (event: FocusEvent) => {
      if (!event.relatedTarget) setPlace("none");
    };
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("focusout", onFocusOut);
    };
  }, [rows]);

  // The first row to answer holds the focus from the start, so the first key has a target.
  const initialRow = useRef(rows[active]);
  useEffect(() => {
    if (focusPlaceOf(document.activeElement) === "none") focusRowElement(initialRow.current, true);
  }, []);

  // The key handler is installed once and reads the latest render's values.
  const latest = useRef({ active, isPaused, context, onAction, focusRow, rows });
  useLayoutEffect(() => {
    latest.current = { active, isPaused, context, onAction, focusRow, rows };
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { active, isPaused, context, onAction, focusRow, rows } = latest.current;
      const element = document.activeElement;
      const place = focusPlaceOf(element);
      const focusedId = place === "row" ? rowIdOf(element) : null;
      const row =
        place === "row"
          ? (rows.find((entry) => entry.id === focusedId) ?? null)
          : place === "none"
            ? rows[active]
            : null;
      const action = resolveKey(event, {
        ...context,
        place,
        row,
        isPaused,
        lastWasPick: Boolean(lastPickUndo.current),
        isPickThenSpace: isPickThenSpace.current,
      });
      if (action.type === "pass") {
        if (event.key === " " && lastPickUndo.current && !isPaused) isPickThenSpace.current = true;
        return;
      }
      isPickThenSpace.current = false;
      event.preventDefault();
      const undo = lastPickUndo.current;
      lastPickUndo.current = null;
      const current = place === "row" && row ? rows.indexOf(row) : active;
      switch (action.type) {
        case "swallow":
          return;
        case "move":
          return focusRow(current + action.delta);
        case "pause":
          if (action.undoLastPick) undo?.();
          return setIsPaused(true);
        case "resume":
          setIsPaused(false);
          if (action.then) focusRow(current + action.then.delta);
          return;
        case "leave-field":
          // Back to the highlighted row, without scrolling away from where the rater was reading.
          (element as HTMLElement | null)?.blur?.();
          return focusRow(active, { preventScroll: true });
        default: {
          const undoPick = onAction(action);
          if (action.type === "pick" && undoPick) lastPickUndo.current = undoPick;
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const isRowFocus = place === "row" || place === "none";
  return {
    /** The highlighted row: where digits and flags go. */
    activeRow: rows[active],
    /** Whether the highlight shows: focus is in a row or on nothing (not in a field or on another control). */
    isHighlightShown: isRowFocus,
    isPaused,
    focusRow,
    resume: () => setIsPaused(false),
  };
}
