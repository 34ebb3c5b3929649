import { describe, expect, it } from "vitest";
import { discoverRoutes } from "../../e2e/route-discovery";
import { PAGE_POLICY } from "../auth/route-policy";
import { API_ROUTES } from "./routes";

// The route-discovery check (e2e/route-guard.spec.ts asks the running app the same): every
// page and route handler under app/ is in its table, and every table entry is a file.
describe("the route tables", () => {
  const routes = discoverRoutes();

  it("name exactly the route handlers of app/api, method by method", () => {
    const handlers = routes.flatMap((route) =>
      route.kind === "api" ? route.methods.map((method) => `${method} ${route.pattern}`) : [],
    );
    expect(handlers.length).toBeGreaterThanOrEqual(5);
    expect(handlers.sort()).toEqual(Object.keys(API_ROUTES).sort());
  });

  it("name exactly the pages of app/", () => {
    const pages = routes.filter((route) => route.kind === "page").map((route) => route.pattern);
    expect(pages.sort()).toEqual(Object.keys(PAGE_POLICY).sort());
  });
});
