import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { NotUtf8Error, utf8Validator } from "./utf8";

async function validate(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks), utf8Validator(), async function* (source) {
    for await (const chunk of source) out.push(chunk as Buffer);
  });
  return Buffer.concat(out);
}

describe("utf8Validator", () => {
  it("passes valid UTF-8 through unchanged, even split inside a character", async () => {
    const text = Buffer.from("a,b\né,日本,😀\n");
    const chunks = [...text].map((byte) => Buffer.from([byte]));
    expect((await validate(chunks)).equals(text)).toBe(true);
  });

  it("names the line of the first invalid byte", async () => {
    const error = await validate([Buffer.from("a\nb\n"), Buffer.from("c\xff\n", "latin1")]).catch((e) => e);
    expect(error).toBeInstanceOf(NotUtf8Error);
    expect(error).toMatchObject({ line: 3, byte: 0xff });
  });

  it.each([
    ["an overlong encoding", [0xc0, 0xaf]],
    ["a UTF-16 surrogate", [0xed, 0xa0, 0x80]],
    ["a truncated sequence at the end", [0x61, 0xe9]],
  ])("refuses %s", async (_, bytes) => {
    await expect(validate([Buffer.from(bytes)])).rejects.toBeInstanceOf(NotUtf8Error);
  });
});
