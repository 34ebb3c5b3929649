// A finished answer → PredictionItem rows: items parsed as the task's answer type, then matched
// to dictionary concepts (d_labitems, d_items, ICD titles) so each carries its code.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { matchItems, normalizeLabel, type Concept } from "../model/parse/match-items";
import { parseAnswer } from "../model/parse/parse-answer";
import type { TaskDefinition } from "../model/tasks/task-types";

export type ItemRow = {
  rank: number;
  label: string;
  codeSystem: string | null;
  code: string | null;
  probability: number | null;
};

/**
 * Candidate concepts for the items, found in SQL so a 100k-row ICD dictionary is never loaded:
 * same label ignoring case, or the same letters and digits (normalizeLabel's gist in SQL;
 * matchItems then decides exactly).
 */
async function candidateConcepts(items: readonly string[], systems: readonly string[]): Promise<Concept[]> {
  if (!items.length || !systems.length) return [];
  const lowered = items.map((item) => item.trim().toLowerCase());
  const squeezed = items.map((item) => normalizeLabel(item).replace(/ /g, ""));
  return db.$queryRaw<Concept[]>`
    SELECT system, code, label FROM concept
    WHERE system IN (${Prisma.join(systems)})
      AND (lower(label) IN (${Prisma.join(lowered)})
           OR regexp_replace(lower(label), '[^a-z0-9%]+', '', 'g') IN (${Prisma.join(squeezed)}))`;
}

/** Items of an answer, ranked as written; yes/no answers carry the probability of their word. */
export async function matchRunItems(
  task: Pick<TaskDefinition, "answerType" | "conceptSystems">,
  answer: string,
  pYes: number | null,
): Promise<ItemRow[]> {
  const parsed = parseAnswer(answer, task.answerType);
  if (task.answerType === "yes_no") {
    if (!parsed.yesNo) return [];
    const probability = pYes === null ? null : parsed.yesNo === "yes" ? pYes : 1 - pYes;
    return [{ rank: 1, label: parsed.yesNo, codeSystem: null, code: null, probability }];
  }
  const concepts = await candidateConcepts(parsed.items, task.conceptSystems);
  return matchItems(parsed.items, concepts, task.conceptSystems).map((match) => ({
    rank: match.rank,
    label: match.item,
    codeSystem: match.codeSystem ?? null,
    code: match.code ?? null,
    probability: null,
  }));
}
