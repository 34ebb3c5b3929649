import { describe, expect, it } from "vitest";
import { parseMimicTime } from "./parse-time";

describe("parseMimicTime", () => {
  it("keeps the wall clock as the same UTC instant", () => {
    expect(parseMimicTime("2180-05-06 22:23:00")?.toISOString()).toBe("2180-05-06T22:23:00.000Z");
    expect(parseMimicTime("2137-09-02")?.toISOString()).toBe("2137-09-02T00:00:00.000Z");
  });

  it("keeps milliseconds of fractional seconds (icu/procedureevents has them)", () => {
    expect(parseMimicTime("2110-04-13 00:00:02.040")?.toISOString()).toBe("2110-04-13T00:00:02.040Z");
    expect(parseMimicTime("2110-04-13 00:00:02.0405")?.toISOString()).toBe("2110-04-13T00:00:02.040Z");
  });

  it("knows leap years", () => {
    expect(parseMimicTime("2160-02-29 00:00:00")).toBeDefined();
    expect(parseMimicTime("2100-02-29 00:00:00")).toBeUndefined();
    expect(parseMimicTime("2000-02-29")).toBeDefined();
  });

  it.each([
    "",
    "2180-13-01 00:00:00",
    "2180-04-31",
    "2180-01-01 24:00:00",
    "2180-01-01 12:60:00",
    "2180-1-1",
    "01/02/2180",
    "2180-01-01 12:00",
    " 2180-01-01",
  ])("refuses %j", (text) => {
    expect(parseMimicTime(text)).toBeUndefined();
  });
});
