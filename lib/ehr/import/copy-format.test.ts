import { describe, expect, it } from "vitest";
import { copyJson, copyText, copyTime, NulCharacterError } from "./copy-format";

describe("COPY text format", () => {
  it("escapes backslash, tab and line breaks, and writes NULL as \\N", () => {
    expect(copyText("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
    expect(copyText(null)).toBe("\\N");
    expect(copyText("\\N")).toBe("\\\\N");
  });

  it("refuses NUL, which PostgreSQL text and jsonb cannot hold", () => {
    expect(() => copyText("a\0b")).toThrow(NulCharacterError);
    expect(() => copyJson({ a: "x\0" })).toThrow(NulCharacterError);
    expect(copyJson({ a: "literally \\u0000" })).toBe('{"a":"literally \\\\\\\\u0000"}');
  });

  it("writes times as the UTC wall clock", () => {
    expect(copyTime(new Date("2180-05-06T22:23:00.040Z"))).toBe("2180-05-06 22:23:00.040");
  });
});
