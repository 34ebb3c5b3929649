// Input validation at the HTTP boundary: zod schemas in, ValidationError (400) out, with
// the first problem named so a script author can fix the call.
import { z } from "zod";
import { isStorableTime } from "../db/storable";
import { ValidationError } from "./errors";

/** A time in a query string (ISO 8601 or anything Date parses), within what the database stores. */
export const QueryTime = z.string().transform((text, context) => {
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || !isStorableTime(date)) {
    context.addIssue({ code: "custom", message: "not a time between the years 1 and 9999" });
    return z.NEVER;
  }
  return date;
});

function fail(error: z.ZodError): never {
  const issue = error.issues[0];
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  throw new ValidationError(`${where}${issue.message}`, {
    issues: error.issues.map(({ path, message }) => ({ path, message })),
  });
}

export function parseQuery<S extends z.ZodType>(schema: S, url: URL): z.infer<S> {
  const result = schema.safeParse(Object.fromEntries(url.searchParams));
  return result.success ? result.data : fail(result.error);
}

export async function parseBody<S extends z.ZodType>(schema: S, request: Request): Promise<z.infer<S>> {
  if (!request.headers.get("content-type")?.includes("application/json")) {
    throw new ValidationError("Send a JSON body with content-type: application/json.");
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ValidationError("The body is not valid JSON.");
  }
  const result = schema.safeParse(body);
  return result.success ? result.data : fail(result.error);
}
