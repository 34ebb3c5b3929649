// Reading the access log (admins): filters, keyset pages, and a streamed CSV export.
import { stringify } from "csv-stringify";
import { Readable } from "node:stream";
import { z } from "zod";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { cursorBigInt, decodeCursor, encodeCursor } from "../http/keyset-cursor";

export type AccessLogFilter = {
  email?: string;
  resourceType?: string;
  resourceId?: string;
  from?: Date;
  to?: Date;
};

export type AccessLogRow = {
  id: string;
  at: Date;
  email: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  route: string | null;
  ip: string | null;
  userAgent: string | null;
};

function where(filter: AccessLogFilter): Prisma.AccessLogWhereInput {
  return {
    ...(filter.email ? { user: { email: { contains: filter.email.toLowerCase() } } } : {}),
    ...(filter.resourceType ? { resourceType: filter.resourceType } : {}),
    ...(filter.resourceId ? { resourceId: filter.resourceId } : {}),
    ...(filter.from || filter.to
      ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
}

async function page(filter: AccessLogFilter, before: bigint | undefined, limit: number): Promise<AccessLogRow[]> {
  const rows = await db.accessLog.findMany({
    where: { ...where(filter), ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: limit,
    include: { user: { select: { email: true } } },
  });
  return rows.map(({ user, id, userId: _userId, ...row }) => ({
    ...row,
    id: id.toString(),
    email: user?.email ?? null,
  }));
}

/** Newest first: the id of a page's last row. */
const LogPosition = z.object({ id: cursorBigInt });

export async function listAccessLog(
  filter: AccessLogFilter,
  options: { cursor?: string; limit?: number } = {},
): Promise<{ rows: AccessLogRow[]; nextCursor: string | null }> {
  const limit = Math.min(options.limit ?? 100, 500);
  const before = options.cursor ? decodeCursor(options.cursor, LogPosition).id : undefined;
  const rows = await page(filter, before, limit + 1);
  return {
    rows: rows.slice(0, limit),
    nextCursor: rows.length > limit ? encodeCursor({ id: rows[limit - 1].id }) : null,
  };
}

export const ACCESS_LOG_COLUMNS = [
  "id",
  "at",
  "email",
  "action",
  "resourceType",
  "resourceId",
  "route",
  "ip",
  "userAgent",
] as const;

/** Every matching row as CSV, newest first, read in pages so memory stays flat. */
export function accessLogCsv(filter: AccessLogFilter): Readable {
  async function* rows() {
    let before: bigint | undefined;
    for (;;) {
      const batch = await page(filter, before, 1000);
      for (const row of batch) yield { ...row, at: row.at.toISOString() };
      if (batch.length < 1000) return;
      before = BigInt(batch[batch.length - 1].id);
    }
  }
  return Readable.from(rows()).pipe(stringify({ header: true, columns: [...ACCESS_LOG_COLUMNS] }));
}
