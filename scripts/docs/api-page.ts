// docs/api.md's route table, from the route table (lib/api/routes.ts): who may call each
// route, what it takes and answers, and what the access log records.
import { z } from "zod";
import { API_ROUTES, routeSpec, type Answer, type ApiRoute } from "../../lib/api/routes";
import { jsonSchema, whoMayCall } from "../../lib/api/openapi";

export const API_PAGE = "docs/api.md";

function fields(schema: z.ZodType, io: "input" | "output"): string[] {
  const object = jsonSchema(schema, io) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.keys(object.properties ?? {}).map((name) =>
    io === "input" && !object.required?.includes(name) ? `${name}?` : name,
  );
}

function takes(route: ApiRoute): string {
  const spec = routeSpec(route);
  const parts: string[] = [];
  if (spec.query)
    parts.push(
      `?${fields(spec.query, "input")
        .map((name) => name.replace(/\?$/, "") + "=")
        .join("&")}`,
    );
  if (spec.body) parts.push(`{${fields(spec.body, "input").join(", ")}}`);
  if (spec.upload) parts.push("or multipart/form-data");
  return parts.map((part) => (part.startsWith("or ") ? part : `\`${part}\``)).join(" ") || "—";
}

function answers(route: ApiRoute): string {
  const spec = routeSpec(route);
  const list: Answer[] = Array.isArray(spec.response) ? [...spec.response] : [spec.response as Answer];
  const shown = list.map((answer) => {
    if (answer instanceof z.ZodType) {
      const keys = fields(answer, "output");
      return keys.length ? `\`{${keys.join(", ")}}\`` : "JSON";
    }
    return answer.contentType ? answer.contentType : "no body";
  });
  return `${spec.status ?? 200} ${shown.join(" or ")}`;
}

function logged(route: ApiRoute): string {
  const rule = routeSpec(route).log;
  return rule ? `${rule.action} ${rule.resourceType}${rule.when ? " (see what)" : ""}` : "";
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function apiTable(): string {
  const rows = (Object.keys(API_ROUTES) as ApiRoute[]).map((route) => {
    const spec = routeSpec(route);
    const [method, pattern] = route.split(" ");
    const path = pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, ":$1");
    return [`\`${method} ${path}\``, whoMayCall(spec), takes(route), answers(route), logged(route), spec.summary];
  });
  const header = ["route", "who", "takes", "answers", "access log", "what"];
  return [header, header.map(() => "---"), ...rows].map((row) => `| ${row.map(cell).join(" | ")} |`).join("\n");
}
