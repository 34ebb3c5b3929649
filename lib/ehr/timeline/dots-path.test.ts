import { describe, expect, it } from "vitest";
import { dotsPath } from "./dots-path";

describe("dotsPath", () => {
  it("draws each centre as a closed circle of two arcs, starting at its left edge", () => {
    expect(dotsPath([[10, 20]], 2)).toBe("M8 20a2 2 0 1 0 4 0a2 2 0 1 0 -4 0");
  });

  it("puts every dot in one path, in order", () => {
    const path = dotsPath(
      [
        [0, 0],
        [5.25, 7.04],
      ],
      1.8,
    );
    expect(path).toBe(
      "M-1.8 0a1.8 1.8 0 1 0 3.6 0a1.8 1.8 0 1 0 -3.6 0M3.5 7a1.8 1.8 0 1 0 3.6 0a1.8 1.8 0 1 0 -3.6 0",
    );
    expect(path.match(/M/g)).toHaveLength(2);
  });

  it("is empty without dots (an empty d draws nothing)", () => {
    expect(dotsPath([], 2.5)).toBe("");
  });
});
