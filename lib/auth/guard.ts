// The one gate of every page and route handler: session → role → call → errors mapped.
// The route-discovery test (e2e) fails any route that does not pass through here.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";
import { ForbiddenError, HttpError, UnauthorizedError, errorBody } from "../http/errors";
import { userFromHeaders, type CurrentUser } from "./current-user";
import { hasAnyRole, type Role } from "./roles";

/** For pages and layouts: redirect anonymous users to sign-in, show 403 for a wrong role. */
export async function requirePageUser(roles: readonly Role[] = []): Promise<CurrentUser> {
  const user = await userFromHeaders(await headers());
  if (!user) redirect("/sign-in");
  if (!hasAnyRole(user.roles, roles)) redirect("/forbidden");
  return user;
}

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (input: { request: NextRequest; user: CurrentUser; params: P }) => Promise<Response>;

/** For route handlers: 401 without a user, 403 for a wrong role, typed errors → JSON. */
export function guardedRoute<P = Record<string, never>>(roles: readonly Role[], handler: Handler<P>) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const user = await userFromHeaders(request.headers);
      if (!user) throw new UnauthorizedError();
      if (!hasAnyRole(user.roles, roles)) throw new ForbiddenError();
      return await handler({ request, user, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) return NextResponse.json(errorBody(error), { status: error.status });
  // Details stay in the server log; the client gets a generic message.
  console.error("request failed:", error);
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong." } }, { status: 500 });
}
