// The EHR-Bench catalog: lookup, availability against what was imported, and the rows the app
// syncs into the Task table at start.
import { resolveTableKey } from "../mimic-tables";
import { DECISION_TASKS } from "./decision-tasks";
import { RISK_TASKS } from "./risk-tasks";
import type { ContextRule, TaskDefinition } from "./task-types";

export const TASKS: readonly TaskDefinition[] = [...DECISION_TASKS, ...RISK_TASKS];

const BY_KEY = new Map(TASKS.map((t) => [t.key, t]));

export function getTask(key: string): TaskDefinition | undefined {
  return BY_KEY.get(key);
}

export class UnknownTaskError extends Error {
  constructor(readonly key: string) {
    super(`unknown task "${key}"`);
    this.name = "UnknownTaskError";
  }
}

export function requireTask(key: string): TaskDefinition {
  const task = BY_KEY.get(key);
  if (!task) throw new UnknownTaskError(key);
  return task;
}

export type TaskAvailability = {
  task: TaskDefinition;
  available: boolean;
  missingTables: string[];
  /** Why it is unavailable, in words, for the task list. */
  reason?: string;
};

/**
 * Every task, marked available when all its tables were imported. Unavailable tasks stay in
 * the list (with the reason) so users see what more data would unlock.
 */
export function availableTasks(importedTables: ReadonlySet<string>): TaskAvailability[] {
  return TASKS.map((task) => {
    const missingTables = task.requiredTables.filter((t) => !importedTables.has(t));
    if (!missingTables.length) return { task, available: true, missingTables };
    const reason = task.note ?? `needs ${missingTables.join(", ")} (not imported)`;
    return { task, available: false, missingTables, reason };
  });
}

/**
 * The table names availableTasks expects, from the distinct (sourceTable, category) pairs of the
 * imported events plus the encounter kinds present: FHIR lab Observations count as labevents,
 * ICU stays as icustays, and so on.
 */
export function importedTableKeys(
  eventKinds: Iterable<{ sourceTable: string; category?: string }>,
  encounterKinds: Iterable<string> = [],
): Set<string> {
  const tables = new Set<string>();
  for (const kind of eventKinds) tables.add(resolveTableKey(kind));
  for (const kind of encounterKinds) {
    if (kind === "admission") tables.add("admissions");
    if (kind === "icu_stay") tables.add("icustays");
    if (kind === "ed_stay") tables.add("edstays");
  }
  return tables;
}

export const CONTEXT_RULE_TEXT: Record<ContextRule, string> = {
  admission_24h_before_cutoff: "same admission, the 24 h before the cut-off",
  admission_first_24h: "the first 24 h of the admission",
  icu_first_24h: "the first 24 h of the ICU stay",
  admission_last_24h: "the 24 h before discharge",
  ed_stay: "the emergency-department stay",
};

/** The Task table's row for a catalog entry (prisma/schema.prisma model Task). */
export function taskRecord(task: TaskDefinition) {
  return {
    key: task.key,
    group: task.group,
    answerType: task.answerType,
    title: task.title,
    instruction: task.instruction,
    contextRule: CONTEXT_RULE_TEXT[task.contextRule],
    sourceTable: task.sourceTable,
    groundTruth: task.groundTruth,
  };
}
