"use client";

// The record's notes, searchable, and one open for reading beside the timeline and the
// table: opening a note selects it there too, so the labs and vitals around it are in view.
import { memo, useDeferredValue, useRef, useState } from "react";
import { formatTime } from "@/lib/ehr/timeline/time-axis";
import { countMatches, snippet, splitMatches } from "@/lib/ehr/timeline/text-search";
import type { TimelineEvent } from "@/lib/ehr/timeline/timeline-types";
import type { Selection } from "./selection";
import { useNotes } from "./use-record-data";

type NotesPanelProps = {
  patientId: string;
  /** Exclusive end of what may be shown (blind review), or null. */
  limit: number | null;
  cutoff: number | null;
  openNoteId: string | null;
  onOpen: (selection: Selection) => void;
  onClose: () => void;
};

function NoteText({ text, query }: { text: string; query: string }) {
  return (
    <>
      {splitMatches(text, query).map((part, index) =>
        part.match ? (
          <mark key={index} className="rounded-sm bg-yellow-200 text-inherit dark:bg-yellow-700/70">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

const smallButton =
  "rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800";

type NoteReaderProps = {
  note: TimelineEvent;
  query: string;
  cutoff: number | null;
  previous: TimelineEvent | null;
  next: TimelineEvent | null;
  onOpen: (note: TimelineEvent) => void;
  onClose: () => void;
};

/** One note, whole; keyed by note so each opens at its top with the match count reset. */
function NoteReader({ note, query, cutoff, previous, next, onOpen, onClose }: NoteReaderProps) {
  const readerRef = useRef<HTMLElement>(null);
  const [matchIndex, setMatchIndex] = useState(0);
  const isAfter = cutoff !== null && Date.parse(note.time) > cutoff;
  const matches = countMatches(note.valueText ?? "", query);

  function nextMatch() {
    const marks = readerRef.current?.querySelectorAll("mark");
    if (!marks?.length) return;
    const index = matchIndex % marks.length;
    marks[index].scrollIntoView({ block: "center" });
    setMatchIndex(index + 1);
  }

  return (
    <>
      <div className="flex flex-wrap items-center gap-1 border-b border-slate-200 px-2 py-1 text-xs dark:border-slate-800">
        <button type="button" onClick={onClose} className={smallButton}>
          ← All notes
        </button>
        <button type="button" disabled={!previous} onClick={() => previous && onOpen(previous)} className={smallButton}>
          Previous
        </button>
        <button type="button" disabled={!next} onClick={() => next && onOpen(next)} className={smallButton}>
          Next
        </button>
        {matches > 0 ? (
          <button type="button" onClick={nextMatch} className={smallButton}>
            Next match ({matches})
          </button>
        ) : null}
      </div>
      <article
        ref={readerRef}
        tabIndex={0}
        aria-label={`${note.label}, ${formatTime(note.time)}`}
        className="min-h-0 flex-1 overflow-auto px-4 py-3"
        data-testid="note-reader"
      >
        <header className="mb-3 border-b border-slate-200 pb-2 dark:border-slate-800">
          <h3 className="text-sm font-semibold">{note.label}</h3>
          <p className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
            {formatTime(note.time)} UTC · {note.sourceTable}
            {isAfter ? (
              <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-slate-800 dark:bg-slate-700 dark:text-slate-100">
                after the cut-off
              </span>
            ) : null}
          </p>
        </header>
        <div
          className="max-w-[80ch] font-serif text-[13px] leading-relaxed whitespace-pre-wrap"
          data-testid="note-text"
        >
          <NoteText text={note.valueText ?? ""} query={query} />
        </div>
      </article>
    </>
  );
}

export const NotesPanel = memo(function NotesPanel(props: NotesPanelProps) {
  const notes = useNotes(props.patientId, props.limit);
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query);

  const all: TimelineEvent[] = notes.data?.pages.flatMap((page) => page.events) ?? [];
  const listed = deferredQuery.trim()
    ? all.filter((note) => countMatches(`${note.label}\n${note.valueText ?? ""}`, deferredQuery) > 0)
    : all;
  const open = all.find((note) => note.id === props.openNoteId) ?? null;
  const openIndex = open ? listed.findIndex((note) => note.id === open.id) : -1;

  function openNote(note: TimelineEvent) {
    props.onOpen({ id: note.id, time: Date.parse(note.time), category: note.category, origin: "note" });
  }

  const search = (
    <div className="flex items-center gap-2 border-b border-slate-200 px-2 py-1 dark:border-slate-800">
      <label htmlFor="note-search" className="sr-only">
        Search notes
      </label>
      <input
        id="note-search"
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="Search notes"
        className="w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-950"
      />
      <span className="shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-400">
        {notes.isPending ? "loading…" : `${listed.length} of ${all.length}`}
      </span>
    </div>
  );

  if (open) {
    return (
      <div className="flex h-full min-h-0 flex-col">
        {search}
        <NoteReader
          key={open.id}
          note={open}
          query={deferredQuery}
          cutoff={props.cutoff}
          previous={openIndex > 0 ? listed[openIndex - 1] : null}
          next={openIndex >= 0 && openIndex < listed.length - 1 ? listed[openIndex + 1] : null}
          onOpen={openNote}
          onClose={props.onClose}
        />
      </div>
    );
  }

  return (
    <div className="flex h-full min-h-0 flex-col">
      {search}
      <ul className="min-h-0 flex-1 overflow-auto text-xs" aria-label="Notes">
        {listed.map((note) => {
          const isAfter = props.cutoff !== null && Date.parse(note.time) > props.cutoff;
          return (
            <li key={note.id} className="border-b border-slate-100 dark:border-slate-800">
              <button
                type="button"
                onClick={() => openNote(note)}
                className={`block w-full px-2 py-1.5 text-left hover:bg-slate-50 dark:hover:bg-slate-800/60 ${isAfter ? "bg-slate-100 text-slate-600 dark:bg-slate-800/60 dark:text-slate-400" : ""}`}
              >
                <span className="flex justify-between gap-2">
                  <span className="font-medium">{note.label}</span>
                  <span className="shrink-0 tabular-nums">{formatTime(note.time)}</span>
                </span>
                <span className="mt-0.5 block truncate text-slate-600 dark:text-slate-400">
                  <NoteText text={snippet(note.valueText ?? "", deferredQuery)} query={deferredQuery} />
                </span>
              </button>
            </li>
          );
        })}
        {!notes.isPending && listed.length === 0 ? (
          <li className="p-3 text-slate-600 dark:text-slate-400">
            {all.length === 0 ? "This record has no notes." : "No note matches."}
          </li>
        ) : null}
        {notes.hasNextPage ? (
          <li className="p-2">
            <button
              type="button"
              onClick={() => void notes.fetchNextPage()}
              className="rounded border border-slate-300 px-2 py-0.5 dark:border-slate-700"
            >
              Load more notes
            </button>
          </li>
        ) : null}
      </ul>
    </div>
  );
});
