"use client";

// The rubric editor of the queue form: criteria (key, label, description) with their anchored
// levels (value, label, definition), added, removed and reordered with buttons, each error
// beside its field. Errors come from checkRubric, i.e. the schema POST /api/queues applies.
// The JSON text is an advanced view: it feeds the editor only when it round-trips.
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { CriterionToolbar } from "./criterion-toolbar";
import {
  addCriterion,
  addLevel,
  checkRubric,
  draftFromJson,
  moveCriterion,
  moveLevel,
  removeCriterion,
  removeLevel,
  rubricJson,
  updateCriterion,
  updateLevel,
  type RubricDraft,
  type RubricErrors,
} from "@/lib/review/rubric-draft";

const smallButton = "px-2 py-0.5 text-xs";
const errorText = "mt-0.5 text-xs text-red-700 dark:text-red-400";

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className={errorText}>
      {message}
    </p>
  ) : null;
}

/** Input props that tie a field to its error (aria-invalid, aria-describedby). */
function errorProps(errorId: string, message: string | undefined) {
  return message ? { "aria-invalid": true as const, "aria-describedby": errorId } : {};
}

export function RubricEditor({
  draft,
  onChange,
  onJsonError,
}: {
  draft: RubricDraft;
  onChange: (draft: RubricDraft) => void;
  /** Told whenever the JSON view holds text that does not round-trip (the form refuses to submit). */
  onJsonError?: (error: string | null) => void;
}) {
  const base = useId();
  const [view, setView] = useState<"editor" | "json">("editor");
  const [jsonText, setJsonText] = useState("");
  const [jsonErrors, setJsonErrors] = useState<RubricErrors | null>(null);
  const checked = checkRubric(draft);
  const errors = checked.errors ?? {};
  const idFor = (path: string) => `${base}-${path.replaceAll(".", "-")}`;
  const errorIdFor = (path: string) => `${idFor(path)}-error`;

  function openJson() {
    setJsonText(rubricJson(draft));
    setJsonErrors(null);
    setView("json");
  }

  function editJson(text: string) {
    setJsonText(text);
    const parsed = draftFromJson(text);
    setJsonErrors(parsed.errors);
    onJsonError?.(parsed.errors ? "The rubric's JSON does not round-trip: fix it or go back to the editor." : null);
    if (parsed.draft) onChange(parsed.draft);
  }

  function backToEditor() {
    // The editor keeps the last text that round-tripped; anything after it is dropped.
    setView("editor");
    setJsonErrors(null);
    onJsonError?.(null);
  }

  return (
    <fieldset className="min-w-0 space-y-2 text-sm" aria-describedby={errors[""] ? errorIdFor("") : undefined}>
      <legend className="font-medium">Rubric: criteria with anchored levels ({draft.length})</legend>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Rubric view">
        <Button
          variant="secondary"
          className={smallButton}
          aria-pressed={view === "editor"}
          onClick={backToEditor}
          disabled={view === "editor"}
        >
          Editor
        </Button>
        <Button
          variant="secondary"
          className={smallButton}
          aria-pressed={view === "json"}
          onClick={openJson}
          disabled={view === "json"}
        >
          Advanced: JSON
        </Button>
      </div>
      <FieldError id={errorIdFor("")} message={errors[""]} />

      {view === "json" ? (
        <div>
          <label htmlFor={`${base}-json`} className="font-medium">
            Rubric JSON
          </label>
          <textarea
            id={`${base}-json`}
            value={jsonText}
            onChange={(event) => editJson(event.target.value)}
            rows={14}
            spellCheck={false}
            aria-invalid={jsonErrors ? true : undefined}
            aria-describedby={jsonErrors ? `${base}-json-errors` : undefined}
            className={`mt-1 font-mono text-xs ${inputClass}`}
          />
          {jsonErrors ? (
            <ul id={`${base}-json-errors`} className={errorText}>
              {Object.entries(jsonErrors).map(([path, message]) => (
                <li key={path}>
                  {path ? <span className="font-mono">{path}</span> : null} {message}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
              The editor follows this text while it is valid.
            </p>
          )}
        </div>
      ) : (
        <ol className="space-y-3">
          {draft.map((criterion, index) => {
            const at = (field: string) => `${index}.${field}`;
            const name = `Criterion ${index + 1}`;
            const levelsError = errors[at("levels")];
            return (
              <li key={criterion.id}>
                <fieldset
                  className="min-w-0 space-y-2 rounded border border-slate-200 p-3 dark:border-slate-700"
                  aria-label={name}
                >
                  <CriterionToolbar
                    name={name}
                    index={index}
                    count={draft.length}
                    onMove={(delta) => onChange(moveCriterion(draft, index, delta))}
                    onRemove={() => onChange(removeCriterion(draft, index))}
                  />
                  <div className="grid grid-cols-1 gap-2 md:grid-cols-3">
                    <div>
                      <label htmlFor={idFor(at("key"))} className="block font-medium">
                        Key
                      </label>
                      <input
                        id={idFor(at("key"))}
                        value={criterion.key}
                        onChange={(event) => onChange(updateCriterion(draft, index, { key: event.target.value }))}
                        className={`mt-1 font-mono ${inputClass}`}
                        autoComplete="off"
                        spellCheck={false}
                        {...errorProps(errorIdFor(at("key")), errors[at("key")])}
                      />
                      <FieldError id={errorIdFor(at("key"))} message={errors[at("key")]} />
                    </div>
                    <div className="md:col-span-2">
                      <label htmlFor={idFor(at("label"))} className="block font-medium">
                        Label
                      </label>
                      <input
                        id={idFor(at("label"))}
                        value={criterion.label}
                        onChange={(event) => onChange(updateCriterion(draft, index, { label: event.target.value }))}
                        className={`mt-1 ${inputClass}`}
                        {...errorProps(errorIdFor(at("label")), errors[at("label")])}
                      />
                      <FieldError id={errorIdFor(at("label"))} message={errors[at("label")]} />
                    </div>
                  </div>
                  <div>
                    <label htmlFor={idFor(at("description"))} className="block font-medium">
                      Description
                    </label>
                    <input
                      id={idFor(at("description"))}
                      value={criterion.description}
                      onChange={(event) => onChange(updateCriterion(draft, index, { description: event.target.value }))}
                      className={`mt-1 ${inputClass}`}
                      {...errorProps(errorIdFor(at("description")), errors[at("description")])}
                    />
                    <FieldError id={errorIdFor(at("description"))} message={errors[at("description")]} />
                  </div>
                  <fieldset
                    className="min-w-0"
                    aria-describedby={levelsError ? errorIdFor(at("levels")) : undefined}
                    aria-invalid={levelsError ? true : undefined}
                  >
                    <legend className="font-medium">Levels, worst to best ({criterion.levels.length})</legend>
                    {/* Column names for sighted users; each input has its own full label. */}
                    <div
                      aria-hidden="true"
                      className="mt-1 hidden grid-cols-[4.5rem_minmax(0,1fr)_minmax(0,2fr)_7.5rem] gap-1 text-xs text-slate-600 sm:grid dark:text-slate-400"
                    >
                      <span>Value</span>
                      <span>Label</span>
                      <span>Definition (the anchor)</span>
                    </div>
                    <ol className="mt-1 space-y-1">
                      {criterion.levels.map((level, levelIndex) => {
                        const levelAt = (field: string) => at(`levels.${levelIndex}.${field}`);
                        const levelName = `${name} level ${levelIndex + 1}`;
                        return (
                          <li
                            key={level.id}
                            className="grid grid-cols-[4.5rem_minmax(0,1fr)] gap-1 sm:grid-cols-[4.5rem_minmax(0,1fr)_minmax(0,2fr)_7.5rem]"
                          >
                            <div>
                              <label htmlFor={idFor(levelAt("value"))} className="sr-only">
                                {`${levelName} value`}
                              </label>
                              <input
                                id={idFor(levelAt("value"))}
                                inputMode="numeric"
                                placeholder="value"
                                value={level.value}
                                onChange={(event) =>
                                  onChange(updateLevel(draft, index, levelIndex, { value: event.target.value }))
                                }
                                className={`font-mono ${inputClass}`}
                                {...errorProps(errorIdFor(levelAt("value")), errors[levelAt("value")])}
                              />
                              <FieldError id={errorIdFor(levelAt("value"))} message={errors[levelAt("value")]} />
                            </div>
                            <div>
                              <label htmlFor={idFor(levelAt("label"))} className="sr-only">
                                {`${levelName} label`}
                              </label>
                              <input
                                id={idFor(levelAt("label"))}
                                placeholder="label, e.g. Good"
                                value={level.label}
                                onChange={(event) =>
                                  onChange(updateLevel(draft, index, levelIndex, { label: event.target.value }))
                                }
                                className={inputClass}
                                {...errorProps(errorIdFor(levelAt("label")), errors[levelAt("label")])}
                              />
                              <FieldError id={errorIdFor(levelAt("label"))} message={errors[levelAt("label")]} />
                            </div>
                            <div className="col-span-2 sm:col-span-1">
                              <label htmlFor={idFor(levelAt("definition"))} className="sr-only">
                                {`${levelName} definition`}
                              </label>
                              <input
                                id={idFor(levelAt("definition"))}
                                placeholder="what this level means (optional)"
                                value={level.definition}
                                onChange={(event) =>
                                  onChange(updateLevel(draft, index, levelIndex, { definition: event.target.value }))
                                }
                                className={inputClass}
                                {...errorProps(errorIdFor(levelAt("definition")), errors[levelAt("definition")])}
                              />
                              <FieldError
                                id={errorIdFor(levelAt("definition"))}
                                message={errors[levelAt("definition")]}
                              />
                            </div>
                            <div className="col-span-2 flex gap-1 sm:col-span-1">
                              <Button
                                variant="secondary"
                                className={smallButton}
                                aria-label={`Move ${levelName.toLowerCase()} up`}
                                disabled={levelIndex === 0}
                                onClick={() => onChange(moveLevel(draft, index, levelIndex, -1))}
                              >
                                ↑
                              </Button>
                              <Button
                                variant="secondary"
                                className={smallButton}
                                aria-label={`Move ${levelName.toLowerCase()} down`}
                                disabled={levelIndex === criterion.levels.length - 1}
                                onClick={() => onChange(moveLevel(draft, index, levelIndex, 1))}
                              >
                                ↓
                              </Button>
                              <Button
                                variant="secondary"
                                className={smallButton}
                                aria-label={`Remove ${levelName.toLowerCase()}`}
                                onClick={() => onChange(removeLevel(draft, index, levelIndex))}
                              >
                                ×
                              </Button>
                            </div>
                          </li>
                        );
                      })}
                    </ol>
                    <FieldError id={errorIdFor(at("levels"))} message={levelsError} />
                    <Button
                      variant="secondary"
                      className={`mt-1 ${smallButton}`}
                      aria-label={`Add a level to ${name.toLowerCase()}`}
                      onClick={() => onChange(addLevel(draft, index))}
                    >
                      + Level
                    </Button>
                  </fieldset>
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      {view === "editor" ? (
        <Button variant="secondary" className={smallButton} onClick={() => onChange(addCriterion(draft))}>
          + Add criterion
        </Button>
      ) : null}
    </fieldset>
  );
}
