import { describe, expect, it } from "vitest";
import { admissionAt, predictionCutoff } from "./prediction-cutoff";
import type { AdmissionOption } from "./task-options";

const admission = (id: string, start: string, end: string | null, suggested: string | null): AdmissionOption => ({
  id,
  externalId: id,
  start,
  end,
  cutoffs: { labevents: suggested },
});

const FIRST = admission("a1", "2150-01-01T00:00:00.000Z", "2150-01-05T00:00:00.000Z", "2150-01-04T12:00:00.000Z");
const SECOND = admission("a2", "2150-03-01T00:00:00.000Z", "2150-03-09T00:00:00.000Z", "2150-03-08T10:00:00.000Z");
const ADMISSIONS = [FIRST, SECOND];

describe("admissionAt", () => {
  it("finds the admission a time falls in, else the latest begun before it", () => {
    expect(admissionAt(ADMISSIONS, Date.parse("2150-01-02T00:00:00Z"))).toBe(FIRST);
    expect(admissionAt(ADMISSIONS, Date.parse("2150-02-01T00:00:00Z"))).toBe(FIRST);
    expect(admissionAt(ADMISSIONS, Date.parse("2150-03-02T00:00:00Z"))).toBe(SECOND);
    expect(admissionAt(ADMISSIONS, Date.parse("2149-01-01T00:00:00Z"))).toBeUndefined();
  });
});

describe("predictionCutoff", () => {
  const base = { admissions: ADMISSIONS, taskKey: "labevents", admissionId: null };

  it("without a timeline cut-off, suggests the last admission's anchor", () => {
    expect(predictionCutoff({ ...base, timelineCutoff: null })).toEqual({
      admission: SECOND,
      cutoff: SECOND.cutoffs.labevents,
      from: "task",
      suggested: SECOND.cutoffs.labevents,
    });
  });

  it("takes the timeline's cut-off and the admission it falls in", () => {
    const result = predictionCutoff({ ...base, timelineCutoff: "2150-01-02T03:00:00Z" });
    expect(result).toMatchObject({ admission: FIRST, cutoff: "2150-01-02T03:00:00.000Z", from: "timeline" });
    expect(result.suggested).toBe(FIRST.cutoffs.labevents);
  });

  it("keeps the timeline's cut-off when the picked admission holds it, else suggests the pick's", () => {
    expect(predictionCutoff({ ...base, admissionId: "a1", timelineCutoff: "2150-01-02T03:00:00Z" }).from).toBe(
      "timeline",
    );
    expect(predictionCutoff({ ...base, admissionId: "a2", timelineCutoff: "2150-01-02T03:00:00Z" })).toMatchObject({
      admission: SECOND,
      cutoff: SECOND.cutoffs.labevents,
      from: "task",
    });
  });

  it("says when there is nothing to suggest", () => {
    const none = admission("a3", "2150-05-01T00:00:00.000Z", null, null);
    expect(predictionCutoff({ ...base, admissions: [none], timelineCutoff: null })).toMatchObject({
      cutoff: null,
      from: "none",
    });
    expect(predictionCutoff({ ...base, admissions: [], timelineCutoff: "2150-01-02T03:00:00Z" })).toMatchObject({
      admission: undefined,
      cutoff: "2150-01-02T03:00:00.000Z",
      from: "timeline",
    });
  });
});
