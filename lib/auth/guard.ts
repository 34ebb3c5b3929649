// The one gate of every page and route handler: user → role (from route-policy.ts) →
// CSRF check for cookie-authenticated writes → call → typed errors mapped to HTTP.
// The route-discovery test fails any route of app/ that route-policy.ts does not name.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";
import { ForbiddenError, UnauthorizedError, errorBody, toHttpError } from "../http/errors";
import { userFromHeaders, type CurrentUser } from "./current-user";
import { API_POLICY, PAGE_POLICY, type ApiRoute, type PageRoute, type Policy } from "./route-policy";
import { hasAnyRole } from "./roles";

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

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (input: { request: NextRequest; user: CurrentUser; params: P }) => Promise<Response>;

/** For route handlers: 401 without a user, 403 for a wrong role or a cross-site write. */
export function guardedRoute<P = Record<string, never>>(route: ApiRoute, handler: Handler<P>) {
  const policy = API_POLICY[route];
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const user = await userFromHeaders(request.headers);
      if (!user) throw new UnauthorizedError();
      if (!allows(policy, user)) throw new ForbiddenError();
      if (user.via === "session" && !SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      return await handler({ request, user, params: await context.params });
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
