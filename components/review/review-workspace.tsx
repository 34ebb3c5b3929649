"use client";

// The review page: the model's output (one run, or two side by side for pairwise), the record
// before the cut-off, and the rating form, all driven from the keyboard. Keys go to the
// focused row; digits pick a level and move on, w/u/i/h toggle step flags, s submits and
// takes the next item. The saving itself lives in DraftSaver.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import { RecordViewer } from "@/components/timeline/record-viewer";
import type { PatientSummary } from "@/lib/ehr/queries/patient-summary";
import { fetchJson } from "@/lib/http/fetch-json";
import type { ReviewItem } from "@/lib/review/get-review-item.types";
import {
  firstUnanswered,
  formRows,
  optionForKey,
  pickOption,
  rowValue,
  setStepNote,
  type FormRow as Row,
  type RowOption,
} from "@/lib/review/rating-form";
import { unansweredParts, type RatingTarget } from "@/lib/review/rating-rules";
import type { NextItemResponse } from "@/lib/review/take-next-item.types";
import { ConflictDialog } from "./conflict-dialog";
import { FormRow } from "./form-row";
import { GroundTruthPanel } from "./ground-truth-panel";
import { Keycap } from "./keycap";
import { MissingItems } from "./missing-items";
import { ReasoningSteps } from "./reasoning-steps";
import { RunAnswer } from "./run-answer";
import { SaveStatus } from "./save-status";
import { useRatingDraft } from "./use-rating-draft";

const COMMENT_ID = "review-comment";
const MISSING_ID = "review-missing-item";
const NOTE_ID = "review-step-note";

const isTextField = (element: Element | null) =>
  element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement;

export function ReviewWorkspace({
  item,
  record,
  userId,
}: {
  item: ReviewItem;
  /** The patient's record summary, already redacted at the cut-off by the server. */
  record: PatientSummary;
  userId: string;
}) {
  const router = useRouter();
  const draft = useRatingDraft({
    userId,
    runId: item.runs.find((run) => run.slot === "A")!.runId,
    kind: item.kind,
    queueItemId: item.queueItemId,
    initial: item.rating,
  });
  const { content, saver } = draft;
  const rows = useMemo(() => formRows(item.kind, item.config, item.runs), [item]);
  const target: RatingTarget = useMemo(
    () => ({
      kind: item.kind,
      config: item.config,
      itemRanks: item.runs[0].items.map((entry) => entry.rank),
      stepIds: item.runs[0].steps.map((step) => step.id),
    }),
    [item],
  );
  const [focus, setFocus] = useState(() => Math.max(firstUnanswered(content, rows), 0));
  const [notice, setNotice] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const isReadOnly = item.isFinal || draft.saveState === "final" || isSubmitting;
  const focusedRow = rows[focus];

  const focusRow = useCallback(
    (index: number) => {
      const bounded = Math.min(Math.max(index, 0), rows.length - 1);
      setFocus(bounded);
      document.querySelector(`[data-row="${rows[bounded].id}"]`)?.scrollIntoView({ block: "nearest" });
    },
    [rows],
  );

  const pick = useCallback(
    (row: Row, option: RowOption) => {
      if (isReadOnly) return;
      saver.edit((current) => pickOption(current, row, option));
      setNotice(null);
      if (row.mode === "scale") focusRow(rows.indexOf(row) + 1);
    },
    [isReadOnly, saver, focusRow, rows],
  );

  const submitAndNext = useCallback(async () => {
    if (isReadOnly) return;
    const missing = unansweredParts(saver.getSnapshot().content, target);
    if (missing.length) {
      setNotice(`Still to answer: ${missing.join(", ")}.`);
      const first = firstUnanswered(saver.getSnapshot().content, rows);
      if (first >= 0) focusRow(first);
      return;
    }
    setIsSubmitting(true);
    const outcome = await saver.submit();
    if (outcome !== "saved") {
      setIsSubmitting(false);
      return;
    }
    if (!item.queue) {
      setIsSubmitting(false);
      router.refresh();
      return;
    }
    const next = await fetchJson<NextItemResponse>(`/api/queues/${item.queue.id}/next`);
    router.push(next.item ? `/review/items/${next.item.queueItemId}` : `/review?finished=${item.queue.id}`);
  }, [isReadOnly, saver, target, rows, focusRow, item.queue, router]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void submitAndNext();
        return;
      }
      // Text fields and the embedded timeline (which has keys of its own) keep their keys;
      // Escape hands the keyboard back to the form.
      const isElsewhere =
        isTextField(document.activeElement) ||
        (event.target instanceof Element && event.target.closest("[data-own-keys]") !== null);
      if (isElsewhere) {
        if (event.key === "Escape") (document.activeElement as HTMLElement).blur();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || draft.conflict) return;
      const key = event.key;
      const focusField = (id: string) => {
        event.preventDefault();
        document.getElementById(id)?.focus();
      };
      if (key === "ArrowDown" || key === "j") focusRow(focus + 1);
      else if (key === "ArrowUp" || key === "k") focusRow(focus - 1);
      else if (key === "s" || key === "S") void submitAndNext();
      else if (key === "c") focusField(COMMENT_ID);
      else if (key === "m" && item.kind === "agreement") focusField(MISSING_ID);
      else if (key === "n" && focusedRow?.mode === "flags") focusField(NOTE_ID);
      else {
        const option = focusedRow && optionForKey(focusedRow, key);
        if (!option) return;
        pick(focusedRow, option);
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [focus, focusedRow, focusRow, pick, submitAndNext, item.kind, draft.conflict]);

  const rowProps = (row: Row) => ({
    row,
    value: rowValue(content, row),
    isFocused: row.id === focusedRow?.id,
    isDisabled: isReadOnly,
    onFocus: () => focusRow(rows.indexOf(row)),
    onPick: (option: RowOption) => pick(row, option),
  });
  const scaleRows = rows.filter((row) => row.mode === "scale" && row.target.type !== "confidence");
  const confidence = rows.find((row) => row.target.type === "confidence")!;
  const flagRows = new Map(rows.flatMap((row) => (row.target.type === "step" ? [[row.target.id, row] as const] : [])));
  const remaining = unansweredParts(content, target);

  const form = (
    <div className="space-y-2">
      <div className="space-y-0.5">
        {item.kind === "agreement" ? (
          <h2 className="text-sm font-semibold">Predicted items ({item.runs[0].items.length})</h2>
        ) : null}
        {scaleRows.map((row) => (
          <FormRow key={row.id} {...rowProps(row)} compact={row.target.type === "item"} />
        ))}
      </div>
      {item.kind === "agreement" ? (
        <MissingItems
          inputId={MISSING_ID}
          items={content.missingItems}
          isDisabled={isReadOnly}
          onChange={(missingItems) => saver.edit((current) => ({ ...current, missingItems }))}
        />
      ) : null}
      <FormRow {...rowProps(confidence)} />
      <label className="block text-sm">
        <span className="flex items-center gap-1 font-medium">
          Comment <Keycap>c</Keycap>
        </span>
        <textarea
          id={COMMENT_ID}
          value={content.comment}
          disabled={isReadOnly}
          onChange={(event) => {
            const comment = event.target.value;
            saver.edit((current) => ({ ...current, comment }));
          }}
          rows={3}
          className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      {notice || draft.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {notice ?? draft.error}
        </p>
      ) : null}
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {remaining.length ? `To answer: ${remaining.join(", ")}` : "Complete"}
        </span>
        <Button
          onClick={() => void submitAndNext()}
          disabled={isReadOnly}
          className="flex shrink-0 items-center gap-2 whitespace-nowrap"
        >
          {draft.status === "submitted" ? "Save and next" : "Submit and next"}
          <Keycap isInverted>s</Keycap>
        </Button>
      </div>
      <GroundTruthPanel groundTruth={item.groundTruth} isWithheld={item.isGroundTruthWithheld} />
    </div>
  );

  return (
    <div className="space-y-3" data-testid="review-workspace" data-cutoff={item.cutoff}>
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1 border-b border-slate-200 pb-2 dark:border-slate-800">
        <h1 className="text-lg font-semibold">{item.task.title}</h1>
        <span className="text-sm">
          Patient <span className="font-mono">{item.patient.externalId}</span>
          {item.patient.gender ? ` · ${item.patient.gender}` : ""}
          {item.patient.age !== null ? ` · ${item.patient.age} y` : ""}
        </span>
        <span className="text-sm">Cut-off {formatDateTime(item.cutoff)} UTC</span>
        <span className="text-sm text-slate-600 dark:text-slate-400">{item.queue?.name ?? "Outside queues"}</span>
        {draft.status === "submitted" ? (
          <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
            Submitted{item.isFinal ? " · final" : ""}
          </span>
        ) : null}
        <span className="ml-auto">
          <SaveStatus state={draft.saveState} savedAt={draft.savedAt} />
        </span>
      </header>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        <Keycap>↑</Keycap>/<Keycap>↓</Keycap> or <Keycap>k</Keycap>/<Keycap>j</Keycap> move ·{" "}
        {item.kind === "pairwise" ? "1 left, 2 tie, 3 right" : "digits pick a level"}
        {flagRows.size ? " · w/u/i/h flag a step, n its note" : ""}
        {item.kind === "agreement" ? " · m missing item" : ""} · c comment · Esc leave a field or the timeline ·{" "}
        <Keycap>s</Keycap> submit and next
      </p>
      {item.kind === "pairwise" ? (
        <div className="grid grid-cols-[minmax(0,1fr)_minmax(340px,0.7fr)] gap-4">
          <div className="min-w-0 space-y-3">
            <div className="grid grid-cols-2 gap-4">
              {item.runs.map((run, index) => (
                <section key={run.slot} aria-label={index === 0 ? "Left" : "Right"} className="min-w-0 space-y-2">
                  <h2 className="font-semibold">{index === 0 ? "Left" : "Right"}</h2>
                  <RunAnswer run={run} />
                  <details open>
                    <summary className="cursor-pointer text-sm font-medium">
                      Reasoning ({run.steps.length} steps)
                    </summary>
                    <ReasoningSteps steps={run.steps} />
                  </details>
                </section>
              ))}
            </div>
          </div>
          <div className="sticky top-2 max-h-[calc(100vh-1rem)] self-start overflow-y-auto pr-1">{form}</div>
        </div>
      ) : (
        <div className="grid grid-cols-[minmax(0,7fr)_minmax(340px,5fr)] gap-4">
          <div className="min-w-0 space-y-3">
            {item.kind === "rubric" ? <RunAnswer run={item.runs[0]} /> : null}
            <section aria-label="Reasoning">
              <h2 className="mb-1 font-semibold">Reasoning</h2>
              <ReasoningSteps
                steps={item.runs[0].steps}
                flagRows={flagRows}
                annotations={content.steps}
                focusedRowId={focusedRow?.id}
                isDisabled={isReadOnly}
                onFocusRow={(id) => focusRow(rows.findIndex((row) => row.id === id))}
                onPick={pick}
                onNote={(stepId, note) => saver.edit((current) => setStepNote(current, stepId, note))}
                noteInputId={NOTE_ID}
              />
            </section>
          </div>
          <div className="sticky top-2 max-h-[calc(100vh-1rem)] self-start overflow-y-auto pr-1">{form}</div>
        </div>
      )}
      <section
        data-own-keys
        aria-label="Record up to the cut-off"
        className="space-y-1 border-t border-slate-200 pt-3 dark:border-slate-800"
      >
        <div className="flex items-baseline gap-3">
          <h2 className="font-semibold">Record up to the cut-off</h2>
          {item.queue?.hideAfterCutoff ? null : (
            <a
              href={`/patients/${item.patient.id}?cutoff=${encodeURIComponent(item.cutoff)}`}
              target="_blank"
              rel="noreferrer"
              className="text-sm text-sky-700 underline dark:text-sky-400"
            >
              Whole record
            </a>
          )}
        </div>
        {/* Always blind to what came after: the model saw only this, and so rates the rater. */}
        <RecordViewer patient={record} initialCutoff={item.cutoff} hideAfterCutoff />
      </section>
      {draft.conflict ? (
        <ConflictDialog
          conflict={draft.conflict}
          rows={rows}
          onKeepMine={() => saver.keepMine()}
          onTakeSaved={() => saver.takeSaved()}
        />
      ) : null}
    </div>
  );
}
