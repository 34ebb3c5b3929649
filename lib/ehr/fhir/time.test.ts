import { describe, expect, it } from "vitest";
import { parseFhirTime } from "./time";

describe("parseFhirTime", () => {
  it.each([
    ["2015", "2015-01-01T00:00:00.000Z", "year"],
    ["2016-10", "2016-10-01T00:00:00.000Z", "month"],
    ["1972-05-01", "1972-05-01T00:00:00.000Z", "day"],
    ["1957-10-31T03:22:24+00:00", "1957-10-31T03:22:24.000Z", "time"],
    ["1957-10-31T03:22:24.879+00:00", "1957-10-31T03:22:24.879Z", "time"],
    ["2021-06-01T08:00:00+02:00", "2021-06-01T06:00:00.000Z", "time"],
    ["2021-06-01T08:00:00.123456789Z", "2021-06-01T08:00:00.123Z", "time"],
    ["2021-06-01T08:00:00", "2021-06-01T08:00:00.000Z", "time"],
    ["2020-02-29", "2020-02-29T00:00:00.000Z", "day"],
  ])("%s", (text, iso, precision) => {
    const parsed = parseFhirTime(text)!;
    expect(parsed.date.toISOString()).toBe(iso);
    expect(parsed.precision).toBe(precision);
  });

  it.each([
    "",
    "yesterday",
    "2021-13-01",
    "2021-02-29",
    "2021-06-01T25:00:00Z",
    "2021-06-01T08:00:00+15:00",
    "20210601",
  ])("rejects %j", (text) => {
    expect(parseFhirTime(text)).toBeNull();
  });
});
