// Run as root, the embedded PostgreSQL runs as another user: a folder on the way to the project
// or its data that others may not enter is named before PostgreSQL fails on it.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { folderClosedToOthers } from "./embedded-postgres";

const root = mkdtempSync(path.join(os.tmpdir(), "closed-folder-"));
chmodSync(root, 0o755);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("folderClosedToOthers", () => {
  it("names the first folder others may not enter, from the path up", () => {
    const closed = path.join(root, "clone");
    const data = path.join(closed, "project", "data");
    mkdirSync(data, { recursive: true });
    chmodSync(closed, 0o700);
    expect(folderClosedToOthers([data])).toEqual({ folder: closed, mode: "700" });
    expect(folderClosedToOthers([closed])).toEqual({ folder: closed, mode: "700" });
  });

  it("passes folders everyone may enter", () => {
    const open = path.join(root, "open", "project");
    mkdirSync(open, { recursive: true });
    chmodSync(path.join(root, "open"), 0o755);
    expect(folderClosedToOthers([open])).toBeNull();
  });
});
