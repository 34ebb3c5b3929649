import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeEventCursor, encodeEventCursor } from "../ehr/queries/event-cursor";
import { cursorBigInt, cursorTime, decodeCursor, encodeCursor } from "./keyset-cursor";

const Position = z.object({ time: cursorTime, id: cursorBigInt });
const b64 = (text: string) => Buffer.from(text).toString("base64url");

describe("keyset cursors", () => {
  it("round-trips a position", () => {
    const position = { time: new Date("2150-03-01T10:20:30.456Z"), id: 9223372036854775807n };
    expect(decodeEventCursor(encodeEventCursor(position))).toEqual(position);
  });

  it("is opaque URL-safe text", () => {
    expect(encodeCursor({ time: "2150-03-01T10:20:30.456Z", id: "12" })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ["not base64 JSON", "garbage"],
    ["JSON of another shape", b64(JSON.stringify({ at: "2150-01-01T00:00:00.000Z", id: "1" }))],
    ["an id past bigint", b64(JSON.stringify({ time: "2150-01-01T00:00:00.000Z", id: "9223372036854775808" }))],
    ["an id that is not decimal", b64(JSON.stringify({ time: "2150-01-01T00:00:00.000Z", id: "0x10" }))],
    ["a time PostgreSQL cannot take", b64(JSON.stringify({ time: "-271821-04-20T00:00:00.000Z", id: "1" }))],
    ["a time that is not one", b64(JSON.stringify({ time: "soon", id: "1" }))],
  ])("rejects %s with a 400", (_, text) => {
    expect(() => decodeCursor(text, Position)).toThrow(
      expect.objectContaining({ status: 400, message: "cursor: not a cursor" }),
    );
  });
});
