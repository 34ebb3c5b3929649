import { describe, expect, it } from "vitest";
import { isoFromPgTimestamp } from "./pg-timestamp";

describe("isoFromPgTimestamp", () => {
  it("gives what Date#toISOString gives for the same UTC instant", () => {
    for (const [text, iso] of [
      ["2150-03-01 12:34:56", "2150-03-01T12:34:56.000Z"],
      ["2150-03-01 12:34:56.5", "2150-03-01T12:34:56.500Z"],
      ["2150-03-01 12:34:56.05", "2150-03-01T12:34:56.050Z"],
      ["2150-03-01 12:34:56.123", "2150-03-01T12:34:56.123Z"],
      ["0999-12-31 23:59:59.9", "0999-12-31T23:59:59.900Z"],
    ]) {
      expect(isoFromPgTimestamp(text)).toBe(iso);
      expect(new Date(iso).toISOString()).toBe(iso);
    }
  });

  it("takes other shapes through Date, truncating to milliseconds", () => {
    expect(isoFromPgTimestamp("2150-03-01 12:34:56.123456")).toBe("2150-03-01T12:34:56.123Z");
  });

  it("refuses text that is not a timestamp", () => {
    expect(() => isoFromPgTimestamp("infinity")).toThrow(/not a timestamp/);
  });
});
