// Who is asking: a Bearer API token's owner, or the session cookie's user (better-auth).
// Deactivated (banned) users count as signed out either way.
import { tokenOwner } from "./api-tokens";
import { auth } from "./auth";
import { parseRoles, type Role } from "./roles";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  /** How the request authenticated: tokens carry no ambient credentials, so no CSRF check. */
  via: "session" | "token";
};

function bearerToken(headers: Headers): string | null {
  const header = headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}

export async function userFromHeaders(headers: Headers): Promise<CurrentUser | null> {
  const token = bearerToken(headers);
  if (token) {
    const user = await tokenOwner(token);
    if (!user || user.banned) return null;
    return { id: user.id, email: user.email, name: user.name, roles: parseRoles(user.role), via: "token" };
  }
  const session = await auth.api.getSession({ headers });
  if (!session || session.user.banned) return null;
  return {
    id: session.user.id,
    email: session.user.email,
    name: session.user.name,
    roles: parseRoles(session.user.role),
    via: "session",
  };
}
