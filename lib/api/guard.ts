// The one gate of every page and route handler: user → role (pages: route-policy.ts; route
// handlers: routes.ts) → CSRF check for cookie-authenticated writes → path ids, query and
// body parsed as the route table says → call → the access log entry the table asks for →
// typed errors mapped to HTTP. The route-discovery test fails any route of app/ that the
// tables do not name.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ForbiddenError, NotFoundError, UnauthorizedError, errorBody, toHttpError } from "../http/errors";
import { parseBody, parseQuery } from "../http/parse-input";
import { logAccess } from "../auth/access-log";
import { userFromHeaders, type CurrentUser } from "../auth/current-user";
import { PAGE_ACCESS_LOG, PAGE_POLICY, type LoggedPage, type PageRoute, type Policy } from "../auth/route-policy";
import {
  pathParamNames,
  routeSpec,
  type ApiRoute,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
  type RouteSpec,
} from "./routes";
import { hasAnyRole } from "../auth/roles";

function allows(policy: Policy, user: CurrentUser): boolean {
  return policy === "public" || hasAnyRole(user.roles, policy);
}

/** For pages and layouts: anonymous users go to sign-in, a wrong role to /forbidden. */
export async function requirePageUser(route: PageRoute): Promise<CurrentUser> {
  const user = await userFromHeaders(await headers());
  if (!user) redirect("/sign-in");
  if (!allows(PAGE_POLICY[route], user)) redirect("/forbidden");
  return user;
}

/** The access log entry of a page that showed a patient's record or a run (PAGE_ACCESS_LOG). */
export async function logPageView(page: LoggedPage, user: CurrentUser, resourceId: string): Promise<void> {
  await logAccess({ user, ...PAGE_ACCESS_LOG[page], resourceId, route: `GET ${page}`, headers: await headers() });
}

/** Whether `user` may call an API route: for pages that offer what the route does. */
export function mayCall(route: ApiRoute, user: CurrentUser): boolean {
  return allows(routeSpec(route).policy, user);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A cookie travels with cross-site requests; a write must show it came from our own pages.
 * Browsers send Origin on every POST/PUT/PATCH/DELETE; Sec-Fetch-Site covers the rest.
 */
function assertSameOrigin(request: NextRequest): void {
  const expected = new URL(process.env.BETTER_AUTH_URL ?? request.nextUrl.origin).origin;
  const origin = request.headers.get("origin");
  if (origin ? origin === expected : request.headers.get("sec-fetch-site") === "same-origin") return;
  throw new ForbiddenError("Cross-site request refused.");
}

type Handler<Route extends ApiRoute> = (input: {
  request: NextRequest;
  user: CurrentUser;
  params: RouteParams<Route>;
  query: RouteQuery<Route>;
  body: RouteBody<Route>;
  /** This call continues an access already logged (a stream's reconnect): no new entry. */
  skipAccessLog: () => void;
}) => Promise<Response>;

/** One way for every route: a malformed id of a UUID-keyed resource is that resource not found. */
function pathIds(spec: RouteSpec, names: string[], raw: Record<string, string | string[]>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of names) {
    const value = String(raw[name]);
    if (spec.notFound && !z.uuid().safeParse(value).success) throw new NotFoundError(spec.notFound);
    params[name] = value;
  }
  return params;
}

function isUpload(request: Request): boolean {
  return request.headers.get("content-type")?.includes("multipart/form-data") ?? false;
}

/**
 * For route handlers: 401 without a user, 403 for a wrong role or a cross-site write, 404 for
 * a malformed id, 400 for a bad query or body; then the handler, and, when it succeeded and
 * the route is logged, the access log entry, written before the answer leaves (a stream's
 * first byte included: on a failed write the stream is cancelled and the call fails).
 */
export function guardedRoute<Route extends ApiRoute>(route: Route, handler: Handler<Route>) {
  const spec = routeSpec(route);
  const names = pathParamNames(route);
  return async (request: NextRequest, context: { params: Promise<RouteParams<Route>> }): Promise<Response> => {
    try {
      const user = await userFromHeaders(request.headers);
      if (!user) throw new UnauthorizedError();
      if (!allows(spec.policy, user)) throw new ForbiddenError();
      if (user.via === "session" && !SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      const params = pathIds(spec, names, await context.params);
      const query = spec.query ? parseQuery(spec.query, request.nextUrl) : undefined;
      const body = spec.body && !(spec.upload && isUpload(request)) ? await parseBody(spec.body, request) : undefined;
      let logged = true;
      const response = await handler({
        request,
        user,
        params: params as RouteParams<Route>,
        query: query as RouteQuery<Route>,
        body: body as RouteBody<Route>,
        skipAccessLog: () => {
          logged = false;
        },
      });
      const rule = spec.log;
      if (rule && logged && response.status < 400 && (rule.when?.({ query }) ?? true)) {
        try {
          const resourceId = rule.resourceId
            ? await rule.resourceId({ params, query, response })
            : names.length === 1
              ? params[names[0]]
              : null;
          await logAccess({
            user,
            action: rule.action,
            resourceType: rule.resourceType,
            resourceId,
            route,
            headers: request.headers,
          });
        } catch (error) {
          await response.body?.cancel();
          throw error;
        }
      }
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  const known = toHttpError(error);
  if (known) {
    if (known.status === 503) console.error(`request failed: ${known.message}`, String(error).split("\n").at(-1));
    return NextResponse.json(errorBody(known), { status: known.status });
  }
  // Details stay in the server log; the client gets a generic message.
  console.error("request failed:", error);
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong." } }, { status: 500 });
}
