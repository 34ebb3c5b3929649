import { describe, expect, it } from "vitest";
import { matchEvidence, type EvidenceCandidate } from "./evidence";

const candidate = (label: string, eventId = label): EvidenceCandidate => ({
  eventId,
  category: "lab",
  label,
  time: new Date("2150-01-01T10:00:00Z"),
  valueNum: null,
  unit: null,
  flag: null,
});

describe("matchEvidence", () => {
  it("matches whole phrases case-insensitively, labels with punctuation included", () => {
    const text = "Sodium is low; INR(PT) high. Hyponatremia (sodium 130). Sodiums are not a thing.";
    const links = matchEvidence(text, [candidate("Sodium"), candidate("INR(PT)"), candidate("Natremia")]);
    expect(links.map((l) => [l.label, l.occurrences.map((o) => text.slice(o.start, o.end))])).toEqual([
      ["Sodium", ["Sodium", "sodium"]],
      ["INR(PT)", ["INR(PT)"]],
    ]);
  });

  it("prefers the longer label where two overlap, and skips labels too short to mean anything", () => {
    const text = "Creatinine, Urine was sent; creatinine stable. K 4.1.";
    const links = matchEvidence(text, [candidate("Creatinine"), candidate("Creatinine, Urine"), candidate("K")]);
    expect(links.map((l) => [l.label, l.occurrences.length])).toEqual([
      ["Creatinine, Urine", 1],
      ["Creatinine", 1],
    ]);
    expect(links[1].occurrences[0].start).toBe(text.indexOf("creatinine stable"));
  });

  it("treats regular-expression characters in labels literally", () => {
    expect(matchEvidence("Took [*] meds", [candidate("[*]x")])).toEqual([]);
    expect(matchEvidence("Gave Vitamin D 1,25 (OH)2 today", [candidate("Vitamin D 1,25 (OH)2")])).toHaveLength(1);
  });
});
