import { describe, expect, it } from "vitest";
import { neutralizeCell } from "./export-columns";

describe("neutralizeCell", () => {
  it("prefixes text a spreadsheet would run as a formula, and only that", () => {
    for (const text of ["=1+1", "+cmd", "-Lactate", "@SUM(A1)", "\tTab", "\rReturn"]) {
      expect(neutralizeCell(text)).toBe(`'${text}`);
    }
    for (const text of ["Lactate", " =not first", "1-2", "Magnésium", "'quoted"])
      expect(neutralizeCell(text)).toBe(text);
  });

  it("keeps numbers as numbers (a negative number is not a formula) and writes missing as empty", () => {
    expect(neutralizeCell(-1)).toBe(-1);
    expect(neutralizeCell(0)).toBe(0);
    expect(neutralizeCell(null)).toBe("");
  });
});
