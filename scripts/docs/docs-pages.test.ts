// The README is a front door (at most 12 KB) that links every page of docs/; the generated
// parts of docs/api.md and docs/benchmarks.md are what their sources generate today; and every
// relative link of the README and docs/ leads to a file that exists.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BENCHMARKS_PAGE, benchmarksSection, readResults } from "../../bench/benchmarks-page";
import { API_PAGE, apiTable } from "./api-page";
import { withGenerated } from "./generated-section";

const README = "README.md";
const links = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1].split("#")[0])
    .filter((target) => target && !/^[a-z]+:/.test(target));

describe("the README", () => {
  it("is at most 12 KB", () => {
    expect(statSync(README).size).toBeLessThanOrEqual(12 * 1024);
  });

  it("links every page of docs/ and the decisions' index", () => {
    const pages = readdirSync("docs")
      .filter((name) => name.endsWith(".md"))
      .map((name) => `docs/${name}`);
    expect(pages.length).toBeGreaterThanOrEqual(8);
    const linked = new Set(links(README).map((target) => path.normalize(target)));
    for (const page of [...pages, "docs/decisions/README.md"]) expect(linked, page).toContain(page);
  });

  it("keeps the two commands operators and CI depend on", () => {
    const text = readFileSync(README, "utf8");
    expect(text).toContain("npm install && npm start");
    expect(text).toContain("npm install && npm test");
  });
});

describe("docs/", () => {
  it("lists every decision record in the decisions' index", () => {
    const records = readdirSync("docs/decisions").filter((name) => /^\d{3}-.*\.md$/.test(name));
    expect(records.length).toBeGreaterThanOrEqual(8);
    const linked = links("docs/decisions/README.md");
    for (const record of records) expect(linked, record).toContain(record);
  });

  it("has only links that lead to files", () => {
    const files = [
      README,
      ...readdirSync("docs")
        .filter((n) => n.endsWith(".md"))
        .map((n) => `docs/${n}`),
    ];
    files.push(...readdirSync("docs/decisions").map((name) => `docs/decisions/${name}`));
    for (const file of files) {
      for (const target of links(file)) {
        expect(existsSync(path.join(path.dirname(file), target)), `${file} → ${target}`).toBe(true);
      }
    }
  });

  it("has the API table the route table generates (npm run docs:api)", async () => {
    expect(await withGenerated(API_PAGE, apiTable())).toBe(readFileSync(API_PAGE, "utf8"));
  });

  it("has the benchmark table bench/results.json generates (npm run docs:bench)", async () => {
    expect(await withGenerated(BENCHMARKS_PAGE, benchmarksSection(readResults()))).toBe(
      readFileSync(BENCHMARKS_PAGE, "utf8"),
    );
  });
});
