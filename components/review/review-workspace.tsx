"use client";

// The review page: the model's output (one run, or two side by side for pairwise), the record
// before the cut-off, and the rating form, all driven from the keyboard. Keys go through the
// keyboard model (lib/review/review-keys.ts, use-review-keys.ts): the highlighted row is the
// focused row, typed text never rates or submits. A submitted rating opens read-only (e edits
// it unless it is final); x skips the item with a reason; [ and ] step through one's own items.
// The saving itself lives in DraftSaver.
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import { RecordViewer } from "@/components/timeline/record-viewer";
import type { PatientSummary } from "@/lib/ehr/timeline/patient-summary";
import { fetchJson } from "@/lib/http/fetch-json";
import type { ReviewItem } from "@/lib/review/get-review-item.types";
import {
  firstUnanswered,
  formRows,
  pickOption,
  rowAfterPick,
  rowValue,
  setStepNote,
  type FormRow as Row,
  type RowOption,
} from "@/lib/review/rating-form";
import { unansweredParts, type RatingTarget } from "@/lib/review/rating-rules";
import type { KeyAction, SkipReasonKey } from "@/lib/review/review-keys";
import { SKIP_REASON_LABELS } from "@/lib/review/skip-queue-item.types";
import type { NextItemResponse } from "@/lib/review/take-next-item.types";
import { ConflictDialog } from "./conflict-dialog";
import { FlagPanel } from "./flag-panel";
import { FormRow } from "./form-row";
import { GroundTruthPanel } from "./ground-truth-panel";
import { GuidelinesPanel } from "./guidelines-panel";
import { Keycap } from "./keycap";
import { clearLocalDraft } from "./local-draft";
import { MissingItems } from "./missing-items";
import { ReasoningSteps } from "./reasoning-steps";
import { RunAnswer } from "./run-answer";
import { SaveStatus } from "./save-status";
import { SkipPanel } from "./skip-panel";
import { useRatingDraft } from "./use-rating-draft";
import { useReviewKeys } from "./use-review-keys";

const COMMENT_ID = "review-comment";
const MISSING_ID = "review-missing-item";
const NOTE_ID = "review-step-note";
const FIELD_IDS = { comment: COMMENT_ID, missing: MISSING_ID, note: NOTE_ID } as const;

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
  const runId = item.runs.find((run) => run.slot === "A")!.runId;
  const draft = useRatingDraft({
    userId,
    runId,
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
  const [notice, setNotice] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  // A submitted rating opens read-only: Back after "Submit and next" shows it, and touching it changes nothing.
  const [isEditing, setIsEditing] = useState(() => item.rating?.status !== "submitted");
  const [skipStage, setSkipStage] = useState<"closed" | "choosing" | "other">("closed");
  const isSubmitted = draft.status === "submitted";
  const isFinal = item.isFinal || draft.saveState === "final";
  const isReadOnly = isFinal || isBusy || item.skip !== null || (isSubmitted && !isEditing);
  const canEdit = isSubmitted && !isFinal && item.skip === null && !isEditing;
  const canSkip = Boolean(item.queue) && !isSubmitted && item.skip === null;

  const navigation = item.navigation;
  const keys = useReviewKeys({
    rows,
    initialIndex: firstUnanswered(content, rows),
    context: {
      mode: draft.conflict ? "dialog" : skipStage !== "closed" ? "skip" : isReadOnly ? "read-only" : "edit",
      hasMissingItems: item.kind === "agreement",
      canSkip,
      canEdit,
      canGoPrevious: Boolean(navigation?.previousId) && !isBusy,
      // Past one's last item, "next" takes a new one from the queue.
      canGoNext: Boolean(navigation) && !isBusy,
    },
    onAction,
  });
  const focusedRow = keys.isHighlightShown ? keys.activeRow : null;

  /** Picks an option; returns how to take the pick back. */
  function pick(row: Row, option: RowOption): (() => void) | undefined {
    if (isReadOnly) return;
    const before = saver.getSnapshot().content;
    const next = pickOption(before, row, option);
    saver.edit(() => next);
    setNotice(null);
    keys.focusRow(rowAfterPick(next, rows, rows.indexOf(row)));
    return () => {
      saver.edit((current) => (current === next ? before : current));
      keys.focusRow(rows.indexOf(row));
    };
  }

  /** Saves what is pending, then opens another item (null: the queue's next one for this reviewer). */
  async function leaveTo(href: string | null) {
    setIsBusy(true);
    try {
      if (!isReadOnly) await saver.flush();
      let destination = href;
      if (!destination) {
        const next = await fetchJson<NextItemResponse>(`/api/queues/${item.queue!.id}/next`);
        destination = next.item ? `/review/items/${next.item.queueItemId}` : `/review?finished=${item.queue!.id}`;
      }
      router.push(destination);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
      setIsBusy(false);
    }
  }

  async function submitAndNext() {
    if (isReadOnly) return;
    const missing = unansweredParts(saver.getSnapshot().content, target);
    if (missing.length) {
      setNotice(`Still to answer: ${missing.join(", ")}.`);
      const first = firstUnanswered(saver.getSnapshot().content, rows);
      if (first >= 0) keys.focusRow(first);
      return;
    }
    setIsBusy(true);
    const outcome = await saver.submit();
    if (outcome !== "saved") {
      setIsBusy(false);
      return;
    }
    setIsEditing(false);
    if (!item.queue) {
      setIsBusy(false);
      router.refresh();
      return;
    }
    await leaveTo(null);
  }

  async function skip(reason: SkipReasonKey, note = "") {
    if (!item.queue || !item.queueItemId) return;
    setIsBusy(true);
    try {
      // Nothing more is saved for an item the reviewer declines.
      saver.close();
      await fetchJson(`/api/queues/${item.queue.id}/items/${item.queueItemId}/skip`, {
        method: "POST",
        body: { reason, note },
      });
      clearLocalDraft({ userId, runId, kind: item.kind });
      setSkipStage("closed");
      await leaveTo(null);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
      setIsBusy(false);
    }
  }

  function chooseSkip(reason: SkipReasonKey) {
    if (reason === "other") setSkipStage("other");
    else void skip(reason);
  }

  function goTo(to: "previous" | "next") {
    if (!navigation) return;
    const id = to === "previous" ? navigation.previousId : navigation.nextId;
    void leaveTo(id ? `/review/items/${id}` : null);
  }

  function onAction(action: KeyAction): (() => void) | void {
    switch (action.type) {
      case "pick":
        return pick(action.row, action.option);
      case "submit":
        return void submitAndNext();
      case "open-field":
        return document.getElementById(FIELD_IDS[action.field])?.focus();
      case "edit":
        return setIsEditing(true);
      case "skip-open":
        return setSkipStage("choosing");
      case "skip-cancel":
        return setSkipStage("closed");
      case "skip-reason":
        return chooseSkip(action.reason);
      case "go":
        return goTo(action.to);
    }
  }

  const rowProps = (row: Row) => ({
    row,
    value: rowValue(content, row),
    isFocused: row.id === focusedRow?.id,
    isDisabled: isReadOnly,
    onPick: (option: RowOption) => pick(row, option),
  });
  const scaleRows = rows.filter((row) => row.mode === "scale" && row.target.type !== "confidence");
  const confidence = rows.find((row) => row.target.type === "confidence")!;
  const flagRows = new Map(rows.flatMap((row) => (row.target.type === "step" ? [[row.target.id, row] as const] : [])));
  const remaining = unansweredParts(content, target);

  const form = (
    <div className="space-y-2">
      {item.queue ? <GuidelinesPanel queueId={item.queue.id} guidelines={item.queue.guidelines} /> : null}
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
          className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      {keys.isPaused ? (
        <p
          role="status"
          data-testid="keys-paused"
          className="rounded bg-amber-100 p-1.5 text-xs text-amber-950 dark:bg-amber-900 dark:text-amber-50"
        >
          Shortcuts paused: you typed outside a text field, so nothing was rated. Press <Keycap>Esc</Keycap> to go on (
          <Keycap>c</Keycap> opens the comment).
        </p>
      ) : null}
      {notice || draft.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {notice ?? draft.error}
        </p>
      ) : null}
      {item.skip ? (
        <p role="status" className="rounded bg-amber-50 p-2 text-sm dark:bg-amber-950">
          You skipped this item ({SKIP_REASON_LABELS[item.skip.reason].toLowerCase()}
          {item.skip.note ? `: ${item.skip.note}` : ""}). It went back to the pool for other reviewers.
        </p>
      ) : isSubmitted && !isEditing ? (
        <div className="flex items-center justify-between gap-2 rounded bg-emerald-50 p-2 text-sm dark:bg-emerald-950">
          <span>{isFinal ? "Submitted and final: it can no longer change." : "Submitted. Shown read-only."}</span>
          {canEdit ? (
            <Button variant="secondary" onClick={() => setIsEditing(true)} className="flex shrink-0 items-center gap-1">
              Edit rating <Keycap>e</Keycap>
            </Button>
          ) : null}
        </div>
      ) : null}
      {skipStage !== "closed" ? (
        <SkipPanel
          isOtherOpen={skipStage === "other"}
          isBusy={isBusy}
          onChoose={chooseSkip}
          onSkip={(reason, note) => void skip(reason, note)}
          onCancel={() => {
            setSkipStage("closed");
            keys.focusRow(rows.indexOf(keys.activeRow));
          }}
        />
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {remaining.length ? `To answer: ${remaining.join(", ")}` : "Complete"}
        </span>
        <span className="flex shrink-0 gap-2">
          {canSkip ? (
            <Button
              variant="secondary"
              onClick={() => setSkipStage("choosing")}
              disabled={isBusy}
              className="flex items-center gap-1"
            >
              Skip <Keycap>x</Keycap>
            </Button>
          ) : null}
          <Button
            onClick={() => void submitAndNext()}
            disabled={isReadOnly}
            className="flex items-center gap-2 whitespace-nowrap"
          >
            {isSubmitted ? "Save and next" : "Submit and next"}
            <Keycap isInverted>s</Keycap>
          </Button>
        </span>
      </div>
      {item.queue && item.queueItemId ? (
        <FlagPanel queueId={item.queue.id} queueItemId={item.queueItemId} initialFlags={item.flags} />
      ) : null}
      <GroundTruthPanel groundTruth={item.groundTruth} isWithheld={item.isGroundTruthWithheld} />
    </div>
  );

  return (
    <div
      className="space-y-3"
      data-testid="review-workspace"
      data-item={item.queueItemId ?? runId}
      data-cutoff={item.cutoff}
    >
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1 border-b border-slate-200 pb-2 dark:border-slate-800">
        <h1 className="text-lg font-semibold">{item.task.title}</h1>
        <span className="text-sm">
          Patient <span className="font-mono">{item.patient.externalId}</span>
          {item.patient.gender ? ` · ${item.patient.gender}` : ""}
          {item.patient.age !== null ? ` · ${item.patient.age} y` : ""}
        </span>
        <span className="text-sm">Cut-off {formatDateTime(item.cutoff)} UTC</span>
        <span className="text-sm text-slate-600 dark:text-slate-400">{item.queue?.name ?? "Outside queues"}</span>
        {navigation ? (
          <nav aria-label="Your items in this queue" className="flex items-center gap-1 text-sm">
            <Button
              variant="secondary"
              onClick={() => goTo("previous")}
              disabled={!navigation.previousId || isBusy}
              className="flex items-center gap-1 px-2 py-0.5 disabled:opacity-50"
              aria-label="Previous of your items"
            >
              <Keycap>[</Keycap> Previous
            </Button>
            <span data-testid="item-position" className="tabular-nums">
              Item {navigation.position} of {navigation.total}
            </span>
            <Button
              variant="secondary"
              onClick={() => goTo("next")}
              disabled={isBusy}
              className="flex items-center gap-1 px-2 py-0.5 disabled:opacity-50"
              aria-label={navigation.nextId ? "Next of your items" : "Take the next item"}
            >
              Next <Keycap>]</Keycap>
            </Button>
          </nav>
        ) : null}
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
        <Keycap>s</Keycap> submit and next{canSkip ? " · x skip" : ""}
        {navigation ? " · [ ] your previous / next item" : ""}. Keys typed outside a text field never rate: a stray key
        pauses the shortcuts until Esc.
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
                activeRowId={keys.activeRow?.id}
                isDisabled={isReadOnly}
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
