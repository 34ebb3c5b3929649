// Run as root, the embedded PostgreSQL runs as another user: every folder on the way to the
// project or its data that others may not enter is found, and opened to passing through only.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { foldersClosedToOthers, letOthersPassThrough } from "./embedded-postgres";

const root = mkdtempSync(path.join(os.tmpdir(), "closed-folder-"));
chmodSync(root, 0o755);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (folder: string) => statSync(folder).mode & 0o777;

describe("foldersClosedToOthers", () => {
  it("names each folder others may not enter, from the path up", () => {
    const closed = path.join(root, "clone");
    const inner = path.join(closed, "project");
    const data = path.join(inner, "data");
    mkdirSync(data, { recursive: true });
    chmodSync(closed, 0o700);
    chmodSync(inner, 0o750);
    expect(foldersClosedToOthers([data])).toEqual([
      { folder: inner, mode: 0o750 },
      { folder: closed, mode: 0o700 },
    ]);
    expect(foldersClosedToOthers([closed])).toEqual([{ folder: closed, mode: 0o700 }]);
  });

  it("passes folders everyone may enter", () => {
    const open = path.join(root, "open", "project");
    mkdirSync(open, { recursive: true });
    chmodSync(path.join(root, "open"), 0o755);
    expect(foldersClosedToOthers([open])).toEqual([]);
  });
});

describe("letOthersPassThrough", () => {
  it("adds enter (o+x) and nothing else to each closed folder, and says so", () => {
    const closed = path.join(root, "mktemp");
    const data = path.join(closed, "app", "data");
    mkdirSync(data, { recursive: true });
    chmodSync(closed, 0o700);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      letOthersPassThrough([data]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toContain(closed);
    } finally {
      warn.mockRestore();
    }
    expect(modeOf(closed)).toBe(0o701);
    expect(foldersClosedToOthers([data])).toEqual([]);
  });
});
