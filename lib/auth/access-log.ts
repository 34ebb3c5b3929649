// The access log: who opened which patient, run or export, when, from where. Never what
// the record holds: only the kind of resource and its id.
import "server-only";
import type pg from "pg";
import { db } from "../db";
import { pgTimestampParam } from "../ehr/queries/pg-timestamp";
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

function accessRow(entry: AccessEntry) {
  return {
    userId: entry.user.id,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    route: entry.route ?? null,
    ip: clientAddress(entry.headers),
    userAgent: entry.headers?.get("user-agent")?.slice(0, 300) ?? null,
  };
}

export async function logAccess(entry: AccessEntry): Promise<void> {
  await db.accessLog.create({ data: accessRow(entry) });
}

/**
 * The same entry, on `client` in the caller's transaction: written with what it logs (a run's
 * creation goes with the run), so the answer need not wait for a second write.
 */
export async function logAccessOn(client: pg.PoolClient, entry: AccessEntry): Promise<void> {
  const row = accessRow(entry);
  await client.query(
    `INSERT INTO access_log (at, "userId", action, "resourceType", "resourceId", route, ip, "userAgent")
     VALUES ($1::timestamp, $2, $3, $4, $5, $6, $7, $8)`,
    [
      pgTimestampParam(new Date()),
      row.userId,
      row.action,
      row.resourceType,
      row.resourceId,
      row.route,
      row.ip,
      row.userAgent,
    ],
  );
}
