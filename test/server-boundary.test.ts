// The server boundary, walked rather than remembered: a module that reads the database or a
// secret imports "server-only" (Next then refuses to bundle it for the browser), and no
// "use client" file may reach one through its imports. Playwright's own Node process loads the
// specs without React's server condition, where "server-only" throws, so the specs may not
// reach one either. Type-only imports are erased and do not count.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const SKIP = new Set(["node_modules", ".next", ".git", "generated", "test-results", "playwright-report"]);

const config = ts.parseJsonConfigFileContent(
  ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config,
  ts.sys,
  ROOT,
);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

type Module = { serverOnly: boolean; imports: string[] };
const modules = new Map<string, Module>();

/** The module specifiers a file imports at run time (not `import type`, not all-type names). */
function runtimeImports(file: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((element) => element.isTypeOnly));
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return specifiers;
}

function load(fileName: string): Module {
  const known = modules.get(fileName);
  if (known) return known;
  const text = readFileSync(fileName, "utf8");
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const specifiers = runtimeImports(source);
  const found: Module = {
    serverOnly: specifiers.includes("server-only"),
    imports: specifiers.flatMap((specifier) => {
      const resolved = ts.resolveModuleName(specifier, fileName, config.options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport || !resolved.resolvedFileName.startsWith(ROOT)) return [];
      return resolved.resolvedFileName.endsWith(".d.ts") ? [] : [resolved.resolvedFileName];
    }),
  };
  modules.set(fileName, found);
  return found;
}

/** The first import chain from `start` to a server-only module, or null. */
function pathToServerOnly(start: string): string[] | null {
  const seen = new Set<string>();
  const walk = (fileName: string, trail: string[]): string[] | null => {
    if (seen.has(fileName)) return null;
    seen.add(fileName);
    const loaded = load(fileName);
    const here = [...trail, path.relative(ROOT, fileName)];
    if (loaded.serverOnly) return here;
    for (const next of loaded.imports) {
      const found = walk(next, here);
      if (found) return found;
    }
    return null;
  };
  return walk(path.join(ROOT, start), []);
}

const isClient = (file: string) =>
  /^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(readFileSync(path.join(ROOT, file), "utf8"));

describe("the server boundary", () => {
  const clientFiles = ["app", "components", "lib"].flatMap(sourceFiles).filter(isClient);
  // Components rendered on the server get their data from app/ too (ESLint's rule says so).
  const components = sourceFiles("components");

  it("finds the client components it guards", () => {
    expect(clientFiles.length).toBeGreaterThan(30);
    expect(clientFiles).toContain("components/prediction/batch-panel.tsx");
    expect(components).toContain("components/prediction/runs-filters.tsx");
  });

  it("sees a database read as server-only", () => {
    expect(pathToServerOnly("lib/runs/list-runs.ts")).toEqual(["lib/runs/list-runs.ts"]);
    expect(pathToServerOnly("app/api/runs/route.ts")).not.toBeNull();
  });

  it("no client component, and no component at all, reaches a module that reads the database or a secret", () => {
    const reached = [...new Set([...clientFiles, ...components])].flatMap((file) => {
      const chain = pathToServerOnly(file);
      return chain ? [chain.join(" → ")] : [];
    });
    expect(reached).toEqual([]);
  });

  it("every module that imports the database client or pg is marked server-only", () => {
    const unmarked = ["lib"].flatMap(sourceFiles).filter((file) => {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      const readsDatabase =
        /^import (?!type )[^;]*from "(\.\.?\/)+db"/m.test(text) ||
        /^import (?!type )[^;]*from "pg"/m.test(text) ||
        /process\.env\.AUTH_SECRET/.test(text);
      return readsDatabase && !/^import "server-only";/m.test(text);
    });
    expect(unmarked).toEqual([]);
  });

  it("Playwright's specs, loaded without React's server condition, reach no server-only module", () => {
    const specs = ["playwright.config.ts", ...sourceFiles("e2e").filter((file) => file.endsWith(".spec.ts"))];
    const reached = specs.flatMap((file) => {
      const chain = pathToServerOnly(file);
      return chain ? [chain.join(" → ")] : [];
    });
    expect(reached).toEqual([]);
  });
});
