// A reasoning step's text cut into plain pieces and evidence links, from the evidence's
// character ranges in the whole reasoning (steps carry their own range in the same text).
// Pure, so the run page can render it on the client.
import type { ReasoningStep } from "../model/parse/split-steps";
import type { EvidenceLink } from "./evidence";

export type StepSegment = { text: string; evidence?: EvidenceLink };

export function stepSegments(step: Pick<ReasoningStep, "text" | "start" | "end">, evidence: readonly EvidenceLink[]) {
  const ranges = evidence
    .flatMap((link) => link.occurrences.map((range) => ({ ...range, link })))
    .filter((range) => range.start >= step.start && range.end <= step.end)
    .sort((a, b) => a.start - b.start);
  const segments: StepSegment[] = [];
  let at = step.start;
  for (const range of ranges) {
    if (range.start < at) continue;
    if (range.start > at) segments.push({ text: step.text.slice(at - step.start, range.start - step.start) });
    segments.push({ text: step.text.slice(range.start - step.start, range.end - step.start), evidence: range.link });
    at = range.end;
  }
  if (at < step.end) segments.push({ text: step.text.slice(at - step.start) });
  return segments;
}

/** Where an evidence link goes: the patient's timeline at the run's cut-off, the event in focus. */
export function patientTimelineHref(patientId: string, cutoff: string, eventId?: string): string {
  const query = new URLSearchParams({ cutoff, ...(eventId ? { event: eventId } : {}) });
  return `/patients/${patientId}?${query}`;
}
