import { describe, expect, it } from "vitest";
import { failedAttempts } from "./run-attempts";

const text = (kind: string, value: string) => ({ kind, data: JSON.stringify(value) });

describe("failedAttempts", () => {
  it("gives each attempt that ended at a retry marker its own text, and none for the current one", () => {
    const chunks = [
      text("reasoning", "Sodium "),
      text("reasoning", "is lo"),
      { kind: "retry", data: JSON.stringify({ attempt: 1, reason: "its worker shut down" }) },
      text("reasoning", "Sodium is low."),
      text("answer", "Sod"),
      { kind: "retry", data: JSON.stringify({ attempt: 2, reason: "its worker stopped" }) },
      text("reasoning", "Sodium is low."),
      text("answer", "Sodium"),
      { kind: "done", data: JSON.stringify({ status: "done" }) },
    ];
    expect(failedAttempts(chunks)).toEqual([
      { attempt: 1, reason: "its worker shut down", reasoning: "Sodium is lo", answer: "" },
      { attempt: 2, reason: "its worker stopped", reasoning: "Sodium is low.", answer: "Sod" },
    ]);
    expect(failedAttempts(chunks.slice(0, 2))).toEqual([]);
  });
});
