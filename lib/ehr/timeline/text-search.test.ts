import { describe, expect, it } from "vitest";
import { countMatches, snippet, splitMatches } from "./text-search";

describe("note search", () => {
  it("counts case-insensitive matches and takes regex characters literally", () => {
    expect(countMatches("Sepsis. SEPSIS? sepsis", "sepsis")).toBe(3);
    expect(countMatches("a (b) c", "(b)")).toBe(1);
    expect(countMatches("anything", "  ")).toBe(0);
  });

  it("splits text into marked and plain parts that rebuild it", () => {
    const parts = splitMatches("Lactate 4.2, lactate rising", "LACTATE");
    expect(parts).toEqual([
      { text: "Lactate", match: true },
      { text: " 4.2, ", match: false },
      { text: "lactate", match: true },
      { text: " rising", match: false },
    ]);
    expect(parts.map((part) => part.text).join("")).toBe("Lactate 4.2, lactate rising");
    expect(splitMatches("x", "")).toEqual([{ text: "x", match: false }]);
  });

  it("cuts a one-line snippet around the first match", () => {
    const text = `${"a ".repeat(100)}needle\n${"b ".repeat(100)}`;
    const cut = snippet(text, "needle", 10);
    expect(cut).toMatch(/^….*needle.*…$/);
    expect(cut).not.toContain("\n");
    expect(snippet("short note", "absent")).toBe("short note");
  });
});
