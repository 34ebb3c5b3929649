import { describe, expect, it } from "vitest";
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, runConcurrency } from "./run-settings";

describe("runConcurrency", () => {
  it("defaults, reads whole numbers, caps, and refuses nonsense", () => {
    expect(runConcurrency({})).toBe(DEFAULT_CONCURRENCY);
    expect(runConcurrency({ EHR_R1_CONCURRENCY: " 5 " })).toBe(5);
    expect(runConcurrency({ EHR_R1_CONCURRENCY: "100" })).toBe(100);
    expect(runConcurrency({ EHR_R1_CONCURRENCY: "1000" })).toBe(MAX_CONCURRENCY);
    expect(MAX_CONCURRENCY).toBe(256);
    for (const bad of ["0", "-1", "1.5", "two"]) {
      expect(() => runConcurrency({ EHR_R1_CONCURRENCY: bad })).toThrow(/EHR_R1_CONCURRENCY must be a whole number/);
    }
  });
});
