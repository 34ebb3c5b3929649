// Pages in docs/ with a generated part: the text between the markers is written by a script
// (npm run docs:api, npm run bench) and checked by scripts/docs/docs-pages.test.ts, so it cannot
// drift from its source. Formatted by Prettier as the repository's check formats it.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import prettier from "prettier";

const BEGIN = "<!-- generated: begin (do not edit by hand; see scripts/docs/) -->";
const END = "<!-- generated: end -->";

/** The page's text with `generated` between its markers, formatted as Prettier would. */
export async function withGenerated(file: string, generated: string): Promise<string> {
  const text = readFileSync(file, "utf8");
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${file} has no generated section (${BEGIN} … ${END})`);
  const next = `${text.slice(0, begin + BEGIN.length)}\n\n${generated.trim()}\n\n${text.slice(end)}`;
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(next, { ...options, filepath: path.resolve(file) });
}

export async function writeGenerated(file: string, generated: string): Promise<void> {
  writeFileSync(file, await withGenerated(file, generated));
}
