import { describe, expect, it } from "vitest";
import { displayFlag, displayRange, displayValue } from "./event-display";

describe("event display", () => {
  it("shows numbers with units, and text by its first line", () => {
    expect(displayValue({ valueNum: 4.1, valueText: "4.1", unit: "mEq/L" })).toBe("4.1 mEq/L");
    expect(displayValue({ valueNum: 0.1 + 0.2, valueText: null, unit: null })).toBe("0.3");
    expect(displayValue({ valueNum: null, valueText: "  NEG\nmore", unit: null })).toBe("NEG");
    expect(displayValue({ valueNum: null, valueText: null, unit: "mg" })).toBe("");
  });

  it("shows reference ranges, open on one side when the source gives one bound", () => {
    expect(displayRange({ refLow: 3.3, refHigh: 5.1 })).toBe("3.3–5.1");
    expect(displayRange({ refLow: null, refHigh: 40 })).toBe("≤ 40");
    expect(displayRange({ refLow: 60, refHigh: null })).toBe("≥ 60");
    expect(displayRange({ refLow: null, refHigh: null })).toBe("");
  });

  it("names high and low from the range, else keeps the source's flag", () => {
    expect(displayFlag({ flag: "abnormal", valueNum: 6, refLow: 3.3, refHigh: 5.1 })).toBe("high");
    expect(displayFlag({ flag: null, valueNum: 3, refLow: 3.3, refHigh: 5.1 })).toBe("low");
    expect(displayFlag({ flag: "abnormal", valueNum: null, refLow: null, refHigh: null })).toBe("abnormal");
    expect(displayFlag({ flag: null, valueNum: 4, refLow: 3.3, refHigh: 5.1 })).toBe("");
  });
});
