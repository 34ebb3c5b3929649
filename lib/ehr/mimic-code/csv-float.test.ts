import { describe, expect, it } from "vitest";
import { preciseXstrtod } from "../../model/prompt/pandas-values";
import { formatPythonFloat } from "../../model/prompt/python-format";
import { csvFloatText, formatG } from "./csv-float";

describe("formatG (C's %.Ng)", () => {
  it("rounds the exact binary value, ties to even, as glibc prints", () => {
    // 3.63178253173828125 is exact in binary: the 17-digit tie goes to the even digit.
    expect(formatG(3.63178253173828125, 17)).toBe("3.6317825317382812");
    expect(formatG(0.1, 17)).toBe("0.10000000000000001");
    expect(formatG(0.1, 15)).toBe("0.1");
    expect(formatG(100, 15)).toBe("100");
    expect(formatG(-2.5, 15)).toBe("-2.5");
    expect(formatG(0.00001, 15)).toBe("1e-05");
    expect(formatG(1e20, 17)).toBe("1e+20");
    expect(formatG(123456789012345680000, 15)).toBe("1.23456789012346e+20");
  });
});

describe("csvFloatText", () => {
  it("gives MIMIC-IV's text of a double from PostgreSQL's", () => {
    // The file's texts (demo inputevents, icustays), and what PostgreSQL prints for them.
    expect(csvFloatText("99.99999761581421")).toBe("99.999997615814209");
    expect(csvFloatText("7.702511574074074")).toBe("7.7025115740740739");
    expect(csvFloatText("12.100000381469727")).toBe("12.100000381469727");
    expect(csvFloatText("6.605625")).toBe("6.605625");
    expect(csvFloatText("50")).toBe("50");
    expect(csvFloatText("NaN")).toBe("NaN");
  });

  it("matters: pandas reads the two texts of one double as two floats", () => {
    const print = (text: string) => formatPythonFloat(preciseXstrtod(text));
    expect(print("99.99999761581421")).toBe("99.9999976158142");
    expect(print(csvFloatText("99.99999761581421"))).toBe("99.99999761581422");
  });
});

describe("csvFloatText's shortcut for short values", () => {
  /** The long way: C's %.15g of the exact value, else %.17g. */
  const exact = (d: number) => {
    const short = formatG(d, 15);
    return Number(short) === d ? short : formatG(d, 17);
  };

  it("gives what the exact expansion gives, over lab-like decimals and arbitrary doubles", () => {
    let seed = 17;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values: number[] = [
      0.1, 0.2, 0.3, 1e-5, 1.5e-5, 0.0001, 123456789012345, 1e15, 1e16, 1e21, 5e-324, 1.7976931348623157e308,
    ];
    for (let i = 0; i < 10_000; i++) {
      const decimals = Math.floor(random() * 7);
      const magnitude = 10 ** Math.floor(random() * 12 - 4);
      values.push(Number((random() * magnitude).toFixed(decimals))); // a lab's 4.1, 132, 0.00012
      values.push((random() - 0.5) * 10 ** Math.floor(random() * 40 - 20)); // 17 significant digits
      values.push(Math.fround(random() * 100)); // a float4 widened, as MIMIC-IV's FLOAT columns hold
    }
    for (const d of values) {
      for (const text of [String(d), String(-d)]) expect(csvFloatText(text), text).toBe(exact(Number(text)));
    }
  });
});
