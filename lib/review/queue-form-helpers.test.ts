// The queue form's small rules: EHR-R1 is the default backend when configured (the baseline
// otherwise), B moves off A; chosen patients stay unique and within a selection's maximum;
// the preview names skipped pairs as the study lead chose them.
import { describe, expect, it } from "vitest";
import { describePreview } from "./describe-preview";
import { MAX_QUEUE_PATIENTS, addPatients, removePatient } from "./patient-selection";
import { backendBAfter, defaultBackend, otherBackend } from "./queue-backend-defaults";

const baseline = { id: "baseline", kind: "baseline" as const, isEhrR1: false };
const other = { id: "gpt", kind: "openai_compatible" as const, isEhrR1: false };
const ehrR1 = { id: "ehr-r1", kind: "openai_compatible" as const, isEhrR1: true };

describe("queue backend defaults", () => {
  it("starts on EHR-R1 when configured, else the baseline; B on another backend", () => {
    expect(defaultBackend([baseline, other, ehrR1])).toBe("ehr-r1");
    expect(defaultBackend([other, baseline])).toBe("baseline");
    expect(otherBackend([baseline, ehrR1], "ehr-r1")).toBe("baseline");
    expect(otherBackend([baseline], "baseline")).toBe("baseline");
  });

  it("moves B off A, and to A's default partner while B was not picked by hand", () => {
    const backends = [baseline, other, ehrR1];
    expect(backendBAfter(backends, "baseline", "baseline", false)).toBe("gpt");
    expect(backendBAfter(backends, "gpt", "baseline", false)).toBe("baseline");
    expect(backendBAfter(backends, "baseline", "ehr-r1", true)).toBe("ehr-r1");
    expect(backendBAfter(backends, "ehr-r1", "ehr-r1", true)).toBe("baseline");
  });
});

describe("chosen patients", () => {
  const patient = (n: number) => ({ id: `id-${n}`, externalId: String(90000000 + n), name: null });

  it("adds each patient once, in order, and removes one", () => {
    const first = addPatients([], [patient(1), patient(2), patient(1)]);
    expect(first).toEqual({ chosen: [patient(1), patient(2)], dropped: 0 });
    const second = addPatients(first.chosen, [patient(2), patient(3)]);
    expect(second.chosen.map((p) => p.id)).toEqual(["id-1", "id-2", "id-3"]);
    expect(removePatient(second.chosen, "id-2").map((p) => p.id)).toEqual(["id-1", "id-3"]);
  });

  it("stops at a selection's maximum and says how many were left out", () => {
    const many = Array.from({ length: MAX_QUEUE_PATIENTS + 5 }, (_, n) => patient(n));
    const { chosen, dropped } = addPatients([patient(-1)], many);
    expect(chosen).toHaveLength(MAX_QUEUE_PATIENTS);
    expect(dropped).toBe(6);
  });
});

describe("describePreview", () => {
  it("counts items out of pairs and names each skipped pair", () => {
    const names = { patients: new Map([["p1", "90000001"]]), tasks: new Map([["labevents", "Next laboratory tests"]]) };
    const described = describePreview(
      { items: 3, skipped: [{ patientId: "p1", taskKey: "labevents", reason: "no lab results" }] },
      names,
    );
    expect(described.summary).toBe("The queue will have 3 items of 4 patient × task pairs; 1 cannot make an item:");
    expect(described.skipped).toEqual([
      { key: "p1:labevents", patient: "90000001", task: "Next laboratory tests", reason: "no lab results" },
    ]);
    expect(describePreview({ items: 1, skipped: [] }, names).summary).toBe(
      "The queue will have 1 item (every patient × task pair can make one).",
    );
  });
});
