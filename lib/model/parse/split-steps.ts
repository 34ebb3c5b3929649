// Reasoning → reviewable steps. EHR-R1 was trained to reason in three markdown sections
// (## Extraction, ## Reasoning, ## Final Results); within a section, each paragraph is a step.
// Ids come from positions (section slug + paragraph number), so they stay the same when the
// same text is parsed again, and earlier ids do not change while a stream is still growing.

export type ReasoningStep = {
  /** e.g. "extraction-1", "reasoning-3", "final-results-1"; "preamble-1" before any heading. */
  id: string;
  /** The section heading as written ("Extraction"), or "" before the first heading. */
  section: string;
  text: string;
  /** Character offsets into the reasoning text, for highlighting. */
  start: number;
  end: number;
};

const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "section";

export function splitSteps(reasoning: string): ReasoningStep[] {
  const steps: ReasoningStep[] = [];
  const sectionCounts = new Map<string, number>();
  let section = "";
  let sectionId = "preamble";
  let paragraph = 0;
  let buffer: { text: string; start: number; end: number } | null = null;

  const flush = () => {
    if (!buffer) return;
    const text = buffer.text.trim();
    if (text) {
      paragraph += 1;
      const leading = buffer.text.length - buffer.text.trimStart().length;
      steps.push({
        id: `${sectionId}-${paragraph}`,
        section,
        text,
        start: buffer.start + leading,
        end: buffer.start + leading + text.length,
      });
    }
    buffer = null;
  };

  let offset = 0;
  for (const rawLine of reasoning.split("\n")) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const heading = /^\s{0,3}##\s+(.+?)\s*#*\s*$/.exec(rawLine);
    if (heading) {
      flush();
      section = heading[1];
      const base = slug(section);
      const seen = (sectionCounts.get(base) ?? 0) + 1;
      sectionCounts.set(base, seen);
      sectionId = seen > 1 ? `${base}-${seen}` : base;
      paragraph = 0;
      continue;
    }
    if (!rawLine.trim()) {
      flush();
      continue;
    }
    if (buffer) {
      buffer.text += `\n${rawLine}`;
      buffer.end = lineStart + rawLine.length;
    } else {
      buffer = { text: rawLine, start: lineStart, end: lineStart + rawLine.length };
    }
  }
  flush();
  return steps;
}
