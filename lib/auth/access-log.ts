// The access log: who opened which patient, run or export, when, from where. Never what
// the record holds: only the kind of resource and its id.
import { db } from "../db";
import type { CurrentUser } from "./current-user";

export type AccessEntry = {
  user: Pick<CurrentUser, "id">;
  action: "view" | "export" | "create" | "update" | "revoke";
  resourceType: "patient" | "run" | "export" | "user" | "api_token" | "access_log" | "import";
  resourceId?: string | null;
  route?: string;
  headers?: Headers;
};

/** The client address as the first proxy hop reports it (Next's server sets x-forwarded-for). */
export function clientAddress(headers: Headers | undefined): string | null {
  const forwarded = headers?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers?.get("x-real-ip") || null;
}

export async function logAccess(entry: AccessEntry): Promise<void> {
  await db.accessLog.create({
    data: {
      userId: entry.user.id,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      route: entry.route ?? null,
      ip: clientAddress(entry.headers),
      userAgent: entry.headers?.get("user-agent")?.slice(0, 300) ?? null,
    },
  });
}
