// The per-task scorecard across runs and backends: for item tasks the mean precision,
// recall and F1 of finished runs against the record's ground truth (EHR-Bench's scoring:
// lower-cased exact names); for yes/no tasks accuracy and, where runs carry a probability,
// AUROC. Ground truth is read from the record, so this is for admins (it shows outcomes).
import "server-only";
import { db } from "../db";
import { auroc } from "./auroc";
import { compareWithTruth, readRunGroundTruth } from "./ground-truth";

export type ScorecardRow = {
  taskKey: string;
  backendId: string;
  backendName: string;
  runs: number;
  /** Runs whose truth could be read from the record. */
  scored: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number | null;
  auroc: number | null;
};

const mean = (values: number[]) =>
  values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;

/** Scores the most recent `limit` finished runs (reading truth is one record load per run). */
export async function getScorecard(options: { limit?: number } = {}): Promise<ScorecardRow[]> {
  const runs = await db.predictionRun.findMany({
    where: { status: "done" },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 1000,
    select: {
      patientId: true,
      taskKey: true,
      cutoff: true,
      probability: true,
      backend: { select: { id: true, name: true } },
      items: { select: { rank: true, label: true }, orderBy: { rank: "asc" } },
    },
  });
  type Group = {
    row: ScorecardRow;
    p: number[];
    r: number[];
    f: number[];
    correct: number[];
    probs: { score: number; positive: boolean }[];
  };
  const groups = new Map<string, Group>();
  for (const run of runs) {
    const id = `${run.taskKey}\u0000${run.backend.id}`;
    let group = groups.get(id);
    if (!group) {
      group = {
        row: {
          taskKey: run.taskKey,
          backendId: run.backend.id,
          backendName: run.backend.name,
          runs: 0,
          scored: 0,
          precision: null,
          recall: null,
          f1: null,
          accuracy: null,
          auroc: null,
        },
        p: [],
        r: [],
        f: [],
        correct: [],
        probs: [],
      };
      groups.set(id, group);
    }
    group.row.runs += 1;
    const comparison = compareWithTruth(await readRunGroundTruth(run), run.items);
    if (comparison.kind === "unknown") continue;
    group.row.scored += 1;
    if (comparison.kind === "items") {
      if (comparison.precision !== null) group.p.push(comparison.precision);
      if (comparison.recall !== null) group.r.push(comparison.recall);
      if (comparison.f1 !== null) group.f.push(comparison.f1);
    } else {
      if (comparison.correct !== null) group.correct.push(comparison.correct ? 1 : 0);
      if (run.probability !== null) group.probs.push({ score: run.probability, positive: comparison.answer === "yes" });
    }
  }
  return [...groups.values()]
    .map(({ row, p, r, f, correct, probs }) => ({
      ...row,
      precision: mean(p),
      recall: mean(r),
      f1: mean(f),
      accuracy: mean(correct),
      auroc: auroc(probs),
    }))
    .sort((a, b) => a.taskKey.localeCompare(b.taskKey) || a.backendName.localeCompare(b.backendName));
}
