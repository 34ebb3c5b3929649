// Evidence links: the lab values, drugs and diagnoses a reasoning names, matched to the
// events its prompt showed (prediction_run.promptEventIds), so a reviewer can check each claim
// against what the model saw: an event before the cut-off that the task's window or the
// context budget left out is not evidence.
// A label matches where it appears as a whole phrase (case-insensitive, not inside a longer
// word); of several events with one label, the one nearest the cut-off is what the model saw
// last. Where matches overlap, the longer label wins ("Creatinine, Urine" over "Creatinine").
import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";

export type EvidenceCandidate = {
  eventId: string;
  category: string;
  label: string;
  time: Date;
  valueNum: number | null;
  unit: string | null;
  flag: string | null;
};

export type EvidenceLink = Omit<EvidenceCandidate, "time"> & {
  time: string;
  /** Character ranges in the reasoning text where the label appears. */
  occurrences: { start: number; end: number }[];
};

const CATEGORIES = ["lab", "medication", "diagnosis"] as const;
// Shorter labels ("K", "Hb") match ordinary words too often to be evidence.
const MIN_LABEL_LENGTH = 3;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Pure matcher: candidates (one per label, nearest the cut-off) against the reasoning. */
export function matchEvidence(reasoning: string, candidates: readonly EvidenceCandidate[]): EvidenceLink[] {
  const found: { candidate: EvidenceCandidate; start: number; end: number }[] = [];
  for (const candidate of candidates) {
    const label = candidate.label.trim();
    if (label.length < MIN_LABEL_LENGTH) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(label)}(?![\\p{L}\\p{N}])`, "giu");
    for (const match of reasoning.matchAll(pattern)) {
      found.push({ candidate, start: match.index, end: match.index + match[0].length });
    }
  }
  // Longest first at each position; then keep only matches that overlap nothing kept.
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept = new Map<EvidenceCandidate, { start: number; end: number }[]>();
  let reach = -1;
  for (const match of found) {
    if (match.start < reach) continue;
    reach = match.end;
    const ranges = kept.get(match.candidate) ?? [];
    ranges.push({ start: match.start, end: match.end });
    kept.set(match.candidate, ranges);
  }
  return [...kept].map(([candidate, occurrences]) => ({
    ...candidate,
    time: candidate.time.toISOString(),
    occurrences,
  }));
}

/**
 * Of each lab, drug and diagnosis label the run's prompt showed, the latest event. A run
 * stored before prompts kept their events has none: nothing can be shown to be what it saw.
 */
export async function evidenceCandidates(runId: string): Promise<EvidenceCandidate[]> {
  const rows = await db.$queryRaw<(Omit<EvidenceCandidate, "eventId"> & { id: bigint })[]>`
    SELECT DISTINCT ON (e.category, lower(e.label))
           e.id, e.category::text AS category, e.label, e.time, e."valueNum", e.unit, e.flag
    FROM prediction_run r
    JOIN event e ON e.id = ANY (r."promptEventIds") AND e."patientId" = r."patientId"
    WHERE r.id = ${runId}
      AND e.category IN (${Prisma.join(CATEGORIES.map((c) => Prisma.sql`${c}::event_category`))})
    ORDER BY e.category, lower(e.label), e.time DESC, e.id DESC`;
  return rows.map(({ id, ...row }) => ({ ...row, eventId: String(id) }));
}

export async function findEvidence(run: { id: string; reasoning: string }): Promise<EvidenceLink[]> {
  if (!run.reasoning.trim()) return [];
  return matchEvidence(run.reasoning, await evidenceCandidates(run.id));
}
