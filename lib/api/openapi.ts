// The OpenAPI 3.1 document served at /api/openapi.json, generated from the route table
// (lib/api/routes.ts): who may call each route, its path ids, query, body and answer as JSON
// Schema (zod's own z.toJSONSchema; OpenAPI 3.1 takes JSON Schema 2020-12 as it is), and what
// the access log records. A unit test validates it against the OpenAPI schema.
import { z } from "zod";
import { API_ROUTES, pathParamNames, routeSpec, type Answer, type ApiRoute, type RouteSpec } from "./routes";

type JsonSchema = Record<string, unknown>;

/** JSON Schema of `schema` as a caller sends it (input) or reads it (output; dates as strings). */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    // Transforms and refinements have no JSON Schema; the shape before them is what is sent.
    unrepresentable: "any",
    override: (context) => {
      const def = (context.zodSchema as { _zod: { def: { type: string } } })._zod.def;
      if (def.type === "date") Object.assign(context.jsonSchema, { type: "string", format: "date-time" });
    },
  }) as JsonSchema;
  return rest;
}

export function whoMayCall(spec: RouteSpec): string {
  return spec.policy === "public" ? "anyone" : spec.policy.length === 0 ? "any signed-in user" : spec.policy.join(", ");
}

export function openApiPath(pattern: string): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}");
}

function answers(spec: RouteSpec): Answer[] {
  return Array.isArray(spec.response) ? [...spec.response] : [spec.response as Answer];
}

function content(answer: Answer): [string, { schema?: JsonSchema; description?: string }] | null {
  if (answer instanceof z.ZodType) return ["application/json", { schema: jsonSchema(answer, "output") }];
  if (!answer.contentType) return null;
  return [answer.contentType, answer.schema ? { schema: jsonSchema(answer.schema, "output") } : {}];
}

function queryParameters(schema: z.ZodType) {
  const object = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: object.required?.includes(name) ?? false,
    schema: property,
  }));
}

function operation(route: ApiRoute) {
  const spec = routeSpec(route);
  const [, pattern] = route.split(" ");
  const errors: Record<string, { $ref: string }> = {};
  const error = (status: string) => (errors[status] = { $ref: "#/components/responses/Error" });
  if (spec.query || spec.body) error("400");
  if (spec.policy !== "public") {
    error("401");
    error("403");
  }
  if (pathParamNames(pattern).length) error("404");
  const success = answers(spec);
  const body: Record<string, unknown> = {};
  if (spec.body) body["application/json"] = { schema: jsonSchema(spec.body, "input") };
  if (spec.upload)
    body["multipart/form-data"] = { schema: { type: "object", description: "files, paths, format, dryRun" } };
  const log = spec.log
    ? ` Logged in the access log: ${spec.log.action} of ${spec.log.resourceType}${spec.log.when ? " (see summary)" : ""}.`
    : "";
  const contents = Object.fromEntries(success.map(content).filter((entry) => entry !== null));
  return {
    summary: spec.summary,
    description: `Who: ${whoMayCall(spec)}.${log}`,
    parameters: [...pathParameters(pattern, spec), ...(spec.query ? queryParameters(spec.query) : [])],
    ...(Object.keys(body).length ? { requestBody: { required: true, content: body } } : {}),
    security: spec.policy === "public" ? [] : [{ bearer: [] }, { session: [] }],
    responses: {
      [String(spec.status ?? 200)]: {
        description: success.map((answer) => (answer instanceof z.ZodType ? "OK" : answer.description)).join(" "),
        ...(Object.keys(contents).length ? { content: contents } : {}),
      },
      ...errors,
    },
    ...(spec.log ? { "x-access-log": { action: spec.log.action, resourceType: spec.log.resourceType } } : {}),
  };
}

function pathParameters(pattern: string, spec: RouteSpec) {
  return pathParamNames(pattern).map((name) => ({
    name,
    in: "path",
    required: true,
    schema: spec.notFound ? { type: "string", format: "uuid" } : { type: "string" },
  }));
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of Object.keys(API_ROUTES) as ApiRoute[]) {
    const [method, pattern] = route.split(" ");
    paths[openApiPath(pattern)] ??= {};
    paths[openApiPath(pattern)][method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: { title: "EHR-R1 Review", version: "1" },
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API token (npm run token:create or the account page).",
        },
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
      },
      responses: {
        Error: {
          description: "An error",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } },
                },
              },
            },
          },
        },
      },
    },
  };
}
