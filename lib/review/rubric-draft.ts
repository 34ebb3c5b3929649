// The rubric editor's model: criteria as the study lead types them (numbers still text, so a
// half-typed "-" is not lost), turned into the stored criteria and checked with the very
// schema POST /api/queues applies (QueueConfig.criteria), errors keyed by field path so the
// form can show each one beside its field. The JSON view goes through the same schema and
// refuses anything the editor could not show back (it would silently drop it). No React here.
import type { z } from "zod";
import { QueueConfig, type RubricCriterion } from "./queue-config";

export type LevelDraft = { id: string; value: string; label: string; definition: string };
export type CriterionDraft = { id: string; key: string; label: string; description: string; levels: LevelDraft[] };
export type RubricDraft = CriterionDraft[];

/** Field path ("0.levels.1.value", "0.key", "" for the whole rubric) → message. */
export type RubricErrors = Record<string, string>;

const CriteriaSchema = QueueConfig.shape.criteria.unwrap();

let nextId = 0;
/** React keys that survive reordering; never stored. */
const newId = () => `draft-${(nextId += 1)}`;

export function draftFromCriteria(criteria: readonly RubricCriterion[]): RubricDraft {
  return criteria.map((criterion) => ({
    id: newId(),
    key: criterion.key,
    label: criterion.label,
    description: criterion.description,
    levels: criterion.levels.map((level) => ({
      id: newId(),
      value: String(level.value),
      label: level.label,
      definition: level.definition,
    })),
  }));
}

/** "" and non-numbers stay invalid (NaN is not a number to zod) rather than becoming 0. */
function toNumber(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

/** The criteria as the API receives them, before validation. */
export function criteriaFromDraft(draft: RubricDraft): unknown[] {
  return draft.map((criterion) => ({
    key: criterion.key,
    label: criterion.label,
    description: criterion.description,
    levels: criterion.levels.map((level) => ({
      value: toNumber(level.value),
      label: level.label,
      definition: level.definition,
    })),
  }));
}

function errorsOf(error: z.ZodError): RubricErrors {
  const errors: RubricErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".");
    // NaN reaches zod as "expected number, received NaN": say it in the form's words.
    const message =
      issue.code === "invalid_type" && issue.expected === "number" ? "enter a whole number" : issue.message;
    errors[path] ??= message;
  }
  return errors;
}

export type RubricCheck = { criteria: RubricCriterion[]; errors: null } | { criteria: null; errors: RubricErrors };

/** The draft through the API's own schema: the criteria to send, or every error by field. */
export function checkRubric(draft: RubricDraft): RubricCheck {
  const parsed = CriteriaSchema.safeParse(criteriaFromDraft(draft));
  return parsed.success ? { criteria: parsed.data, errors: null } : { criteria: null, errors: errorsOf(parsed.error) };
}

/** A key not used yet by another criterion: criterion_2, criterion_3, … */
function freeKey(draft: RubricDraft): string {
  const used = new Set(draft.map((criterion) => criterion.key));
  let n = draft.length + 1;
  while (used.has(`criterion_${n}`)) n += 1;
  return `criterion_${n}`;
}

/** A new criterion that already validates: a unique key and three anchored levels to rename. */
export function addCriterion(draft: RubricDraft): RubricDraft {
  const levels = [
    [1, "Poor"],
    [2, "Adequate"],
    [3, "Good"],
  ] as const;
  return [
    ...draft,
    {
      id: newId(),
      key: freeKey(draft),
      label: `Criterion ${draft.length + 1}`,
      description: "",
      levels: levels.map(([value, label]) => ({ id: newId(), value: String(value), label, definition: "" })),
    },
  ];
}

export function removeCriterion(draft: RubricDraft, index: number): RubricDraft {
  return draft.filter((_, at) => at !== index);
}

/** Moves an entry by `delta` places (clamped); the rating form shows criteria in this order. */
function move<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, index + delta));
  const next = [...list];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved);
  return next;
}

export function moveCriterion(draft: RubricDraft, index: number, delta: number): RubricDraft {
  return move(draft, index, delta);
}

export function updateCriterion(
  draft: RubricDraft,
  index: number,
  patch: Partial<Pick<CriterionDraft, "key" | "label" | "description">>,
): RubricDraft {
  return draft.map((criterion, at) => (at === index ? { ...criterion, ...patch } : criterion));
}

function withLevels(draft: RubricDraft, index: number, change: (levels: LevelDraft[]) => LevelDraft[]): RubricDraft {
  return draft.map((criterion, at) => (at === index ? { ...criterion, levels: change(criterion.levels) } : criterion));
}

/** Levels run worst to best: a new one goes on top, one above the highest value so far. */
export function addLevel(draft: RubricDraft, index: number): RubricDraft {
  return withLevels(draft, index, (levels) => {
    const values = levels.map((level) => toNumber(level.value)).filter(Number.isInteger);
    const value = values.length ? Math.max(...values) + 1 : 1;
    return [...levels, { id: newId(), value: String(value), label: "", definition: "" }];
  });
}

export function removeLevel(draft: RubricDraft, index: number, levelIndex: number): RubricDraft {
  return withLevels(draft, index, (levels) => levels.filter((_, at) => at !== levelIndex));
}

export function moveLevel(draft: RubricDraft, index: number, levelIndex: number, delta: number): RubricDraft {
  return withLevels(draft, index, (levels) => move(levels, levelIndex, delta));
}

export function updateLevel(
  draft: RubricDraft,
  index: number,
  levelIndex: number,
  patch: Partial<Pick<LevelDraft, "value" | "label" | "definition">>,
): RubricDraft {
  return withLevels(draft, index, (levels) =>
    levels.map((level, at) => (at === levelIndex ? { ...level, ...patch } : level)),
  );
}

/** The draft as the advanced view's JSON text (numbers as typed are numbers; a blank one null). */
export function rubricJson(draft: RubricDraft): string {
  return JSON.stringify(criteriaFromDraft(draft), (_, value) => (Number.isNaN(value) ? null : value), 2);
}

const CRITERION_FIELDS = new Set(["key", "label", "description", "levels"]);
const LEVEL_FIELDS = new Set(["value", "label", "definition"]);

/** Fields of the JSON the editor has no place for: parsing would drop them without a word. */
function unknownFields(raw: unknown): RubricErrors {
  const errors: RubricErrors = {};
  if (!Array.isArray(raw)) return errors;
  raw.forEach((criterion, index) => {
    if (!criterion || typeof criterion !== "object") return;
    for (const field of Object.keys(criterion)) {
      if (!CRITERION_FIELDS.has(field)) errors[`${index}.${field}`] = "not a rubric field (the editor would drop it)";
    }
    const levels = (criterion as { levels?: unknown }).levels;
    if (!Array.isArray(levels)) return;
    levels.forEach((level, levelIndex) => {
      if (!level || typeof level !== "object") return;
      for (const field of Object.keys(level)) {
        if (!LEVEL_FIELDS.has(field)) {
          errors[`${index}.levels.${levelIndex}.${field}`] = "not a level field (the editor would drop it)";
        }
      }
    });
  });
  return errors;
}

/**
 * The advanced view's text back into the editor, only when it round-trips: valid JSON, valid
 * criteria, and nothing the editor would lose. Otherwise the errors say why, by field path.
 */
export function draftFromJson(
  text: string,
): { draft: RubricDraft; errors: null } | { draft: null; errors: RubricErrors } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { draft: null, errors: { "": `not valid JSON: ${error instanceof Error ? error.message : String(error)}` } };
  }
  const lost = unknownFields(raw);
  if (Object.keys(lost).length) return { draft: null, errors: lost };
  const parsed = CriteriaSchema.safeParse(raw);
  if (!parsed.success) return { draft: null, errors: errorsOf(parsed.error) };
  return { draft: draftFromCriteria(parsed.data), errors: null };
}

/** "0.levels.1.value" → "Criterion 1, level 2, value": where an error is, for the summary. */
export function describeErrorPath(path: string): string {
  if (!path) return "Rubric";
  const parts = path.split(".");
  const words: string[] = [];
  for (let at = 0; at < parts.length; at += 1) {
    const part = parts[at];
    if (at === 0 && /^\d+$/.test(part)) words.push(`Criterion ${Number(part) + 1}`);
    else if (part === "levels" && /^\d+$/.test(parts[at + 1] ?? "")) {
      words.push(`level ${Number(parts[at + 1]) + 1}`);
      at += 1;
    } else words.push(part);
  }
  return words.join(", ");
}
