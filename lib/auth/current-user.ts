// Who is asking: the session cookie's user (better-auth). Deactivated (banned) users count
// as signed out.
import { auth } from "./auth";
import { parseRoles, type Role } from "./roles";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  roles: Role[];
};

export async function userFromHeaders(headers: Headers): Promise<CurrentUser | null> {
  const session = await auth.api.getSession({ headers });
  if (!session || session.user.banned) return null;
  return {
    id: session.user.id,
    email: session.user.email,
    name: session.user.name,
    roles: parseRoles(session.user.role),
  };
}
