import { describe, expect, it } from "vitest";
import { splitSteps } from "../model/parse/split-steps";
import type { EvidenceLink } from "./evidence";
import { matchEvidence } from "./evidence";
import { patientTimelineHref, stepSegments } from "./evidence-segments";

const reasoning = "## Extraction\nSodium 130 (low), INR(PT) 1.2.\n\n## Reasoning\nRepeat sodium.";
const evidence: EvidenceLink[] = matchEvidence(reasoning, [
  { eventId: "7", category: "lab", label: "Sodium", time: new Date(0), valueNum: 130, unit: "mEq/L", flag: null },
  { eventId: "8", category: "lab", label: "INR(PT)", time: new Date(0), valueNum: 1.2, unit: null, flag: null },
]);

describe("stepSegments", () => {
  it("cuts each step into text and links, the pieces adding up to the step", () => {
    const steps = splitSteps(reasoning);
    const first = stepSegments(steps[0], evidence);
    expect(first.map((s) => [s.text, s.evidence?.eventId])).toEqual([
      ["Sodium", "7"],
      [" 130 (low), ", undefined],
      ["INR(PT)", "8"],
      [" 1.2.", undefined],
    ]);
    const second = stepSegments(steps[1], evidence);
    expect(second.map((s) => s.text).join("")).toBe(steps[1].text);
    expect(second.at(-2)).toMatchObject({ text: "sodium", evidence: { eventId: "7" } });
  });

  it("is the plain text without evidence", () => {
    const [step] = splitSteps(reasoning);
    expect(stepSegments(step, [])).toEqual([{ text: step.text }]);
  });
});

describe("patientTimelineHref", () => {
  it("points at the patient's timeline at the cut-off, optionally at one event", () => {
    expect(patientTimelineHref("p1", "2150-01-02T06:00:00.000Z", "7")).toBe(
      "/patients/p1?cutoff=2150-01-02T06%3A00%3A00.000Z&event=7",
    );
    expect(patientTimelineHref("p1", "2150-01-02T06:00:00.000Z")).toBe(
      "/patients/p1?cutoff=2150-01-02T06%3A00%3A00.000Z",
    );
  });
});
