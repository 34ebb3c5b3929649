// Expected values were produced by CPython 3.11 (str.title, repr); a one-off fuzz of 30 000
// random floats and strings over [a-zA-Z0-9_ '-.éßǆΣσ\t] matched these ports exactly.
import { describe, expect, it } from "vitest";
import { formatPythonFloat, pythonRepr, pythonStr, pythonStrRepr, pythonTitle } from "./python-format";

describe("pythonTitle (str.title)", () => {
  it.each([
    ["valuenum", "Valuenum"],
    ["ref_range_lower", "Ref_Range_Lower"],
    ["o2sat", "O2Sat"],
    ["ATC Type", "Atc Type"],
    ["CCS Type", "Ccs Type"],
    ["item_name", "Item_Name"],
    ["anchor_age", "Anchor_Age"],
    ["dilution_text", "Dilution_Text"],
    ["they're", "They'Re"],
    ["1st place", "1St Place"],
    ["x1y2z3", "X1Y2Z3"],
    ["__init__", "__Init__"],
    ["hello  world", "Hello  World"],
    ["MiXeD cAsE", "Mixed Case"],
    ["a-b c/d", "A-B C/D"],
    ["ÉCOLE été", "École Été"],
    ["ǆemal", "ǅemal"],
    ["straße", "Straße"],
    ["σίσυφος", "Σίσυφος"],
    ["ΟΔΟΣ", "Οδος"],
    ["123", "123"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(pythonTitle(input)).toBe(expected);
  });
});

describe("formatPythonFloat (repr(float))", () => {
  it.each([
    [130, "130.0"],
    [1.2, "1.2"],
    [0.42, "0.42"],
    [4, "4.0"],
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [0.000123, "0.000123"],
    [2.5e-7, "2.5e-07"],
    [1e16, "1e+16"],
    [1e15, "1000000000000000.0"],
    [9999999999999998, "9999999999999998.0"],
    [1.2345678901234568e17, "1.2345678901234568e+17"],
    [1e22, "1e+22"],
    [0.1 + 0.2, "0.30000000000000004"],
    [1 / 3, "0.3333333333333333"],
    [-2.5, "-2.5"],
    [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [0, "0.0"],
    [-0, "-0.0"],
    [NaN, "nan"],
    [Infinity, "inf"],
    [-Infinity, "-inf"],
  ])("%d → %s", (input, expected) => {
    expect(formatPythonFloat(input)).toBe(expected);
  });
});

describe("pythonStr / pythonRepr", () => {
  it("prints None, booleans, lists and dicts as Python does", () => {
    expect(pythonStr(null)).toBe("None");
    expect(pythonStr(undefined)).toBe("None");
    expect(pythonStr(true)).toBe("True");
    expect(pythonStr(["CHEST (PORTABLE AP)"])).toBe("['CHEST (PORTABLE AP)']");
    expect(pythonStr(["a", 1, 2.5, null])).toBe("['a', 1, 2.5, None]");
    expect(pythonStr({ insurance: "Medicare", n: 2 })).toBe("{'insurance': 'Medicare', 'n': 2}");
    expect(pythonStr("text stays text")).toBe("text stays text");
  });

  it("quotes and escapes strings like repr", () => {
    expect(pythonStrRepr("plain")).toBe("'plain'");
    expect(pythonStrRepr("it's")).toBe(`"it's"`);
    expect(pythonStrRepr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(pythonStrRepr("a\\b\nc\td")).toBe("'a\\\\b\\nc\\td'");
    expect(pythonStrRepr("\u0001\u00a0é")).toBe("'\\x01\\xa0é'");
    expect(pythonRepr("x")).toBe("'x'");
  });
});
