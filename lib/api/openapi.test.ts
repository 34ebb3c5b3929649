import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_ROUTES, routeSpec, type ApiRoute } from "./routes";
import { openApiDocument } from "./openapi";

const routes = Object.keys(API_ROUTES) as ApiRoute[];

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    // validate() dereferences in place; it gets a copy.
    await expect(SwaggerParser.validate(structuredClone(openApiDocument()) as never)).resolves.toBeTruthy();
  });

  it("is checked by a validator that refuses a broken document", async () => {
    const broken = structuredClone(openApiDocument()) as { paths: Record<string, Record<string, unknown>> };
    broken.paths["/api/runs/{id}"].get = { responses: "none" };
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
  });

  it("has one operation per route of the table", () => {
    const doc = openApiDocument();
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(routes.map((route) => route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}")).sort());
  });

  it("turns Next's [param] segments into OpenAPI {param} paths with their parameters", () => {
    const doc = openApiDocument();
    const run = doc.paths["/api/runs/{id}/stream"].get as { parameters: { name: string }[]; description: string };
    expect(run.parameters.map((parameter) => parameter.name)).toEqual(["id"]);
    expect(run.description).toBe("Who: admin, clinician, annotator. Logged in the access log: view of run.");
    expect((doc.paths["/api/health"].get as { security: unknown[] }).security).toEqual([]);
  });

  it("describes queries, bodies and answers with the routes' zod schemas", () => {
    const doc = openApiDocument();
    const patients = doc.paths["/api/patients"].get as { parameters: { name: string; in: string }[] };
    expect(patients.parameters.filter((p) => p.in === "query").map((p) => p.name)).toContain("cursor");
    const save = doc.paths["/api/runs/{id}/ratings/me"].put as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } };
      responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }>;
    };
    expect(Object.keys(save.requestBody.content["application/json"].schema.properties)).toContain("version");
    expect(Object.keys(save.responses["200"].content["application/json"].schema.properties)).toEqual(["rating"]);
    const stream = doc.paths["/api/runs/{id}/stream"].get as { responses: Record<string, { content: object }> };
    expect(Object.keys(stream.responses["200"].content)).toEqual(["text/event-stream"]);
  });
});

describe("the route table", () => {
  it("gives every route its answer, and every write with a body its body schema", () => {
    for (const route of routes) {
      const spec = routeSpec(route);
      const answers = Array.isArray(spec.response) ? spec.response : [spec.response];
      expect(answers.length, route).toBeGreaterThan(0);
      for (const answer of answers) {
        if (!(answer instanceof z.ZodType)) expect(answer.description, route).toBeTruthy();
      }
      if (spec.body) expect(route, "a body on a read").toMatch(/^(POST|PUT|PATCH) /);
    }
  });

  it("logs every route that returns a patient's record, a run or an export", () => {
    const logged = routes.filter((route) => routeSpec(route).log);
    for (const route of routes) {
      if (/^GET \/api\/(patients\/\[id\]|runs\/\[id\](\/stream|\/prompt)?$|export\/)/.test(route)) {
        expect(logged, route).toContain(route);
      }
    }
  });
});
