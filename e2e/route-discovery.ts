// Finds every page and route handler under app/ from the files themselves, so a new route
// is tested (and must be in lib/auth/route-policy.ts or lib/api/routes.ts) the moment it exists.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type DiscoveredRoute = { kind: "page" | "api"; pattern: string; methods: string[] };

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** app/(app)/patients/[id]/page.tsx → /patients/[id]; route groups vanish from the URL. */
function patternOf(file: string, appDir: string): string {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment && !/^\(.*\)$/.test(segment));
  return "/" + segments.join("/");
}

function exportedMethods(source: string): string[] {
  return HTTP_METHODS.filter((method) =>
    new RegExp(
      `export\\s+(const|async\\s+function|function)\\s+${method}\\b|export\\s+const\\s+\\{[^}]*\\b${method}\\b`,
    ).test(source),
  );
}

export function discoverRoutes(appDir = path.resolve("app")): DiscoveredRoute[] {
  return walk(appDir).flatMap((file): DiscoveredRoute[] => {
    const name = path.basename(file);
    if (/^page\.(tsx|ts|jsx|js)$/.test(name))
      return [{ kind: "page", pattern: patternOf(file, appDir), methods: ["GET"] }];
    if (/^route\.(ts|js)$/.test(name)) {
      return [{ kind: "api", pattern: patternOf(file, appDir), methods: exportedMethods(readFileSync(file, "utf8")) }];
    }
    return [];
  });
}

/** A concrete URL for a pattern: [id] → a fresh uuid (exists nowhere), [...all] → "probe". */
export function concreteUrl(pattern: string): string {
  return pattern.replace(/\[\.\.\.[^\]]+\]/g, "probe").replace(/\[[^\]]+\]/g, () => crypto.randomUUID());
}
