import { describe, expect, it } from "vitest";
import { API_POLICY } from "../auth/route-policy";
import { ROUTE_DOCS, openApiDocument } from "./openapi";

describe("the OpenAPI document", () => {
  it("documents every route of the policy, and nothing else", () => {
    expect(Object.keys(ROUTE_DOCS).sort()).toEqual(Object.keys(API_POLICY).sort());
  });

  it("turns Next's [param] segments into OpenAPI {param} paths with their parameters", () => {
    const doc = openApiDocument();
    const run = doc.paths["/api/runs/{id}/stream"].get as { parameters: { name: string }[]; description: string };
    expect(run.parameters.map((parameter) => parameter.name)).toEqual(["id"]);
    expect(run.description).toBe("Who: admin, clinician, annotator.");
    expect((doc.paths["/api/health"].get as { security: unknown[] }).security).toEqual([]);
  });
});
