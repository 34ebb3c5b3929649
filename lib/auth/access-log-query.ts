// Reading the access log (admins): filters, keyset pages, and a streamed CSV export.
import "server-only";
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
  /**
   * The patient a patient or run entry is about, named as its source names it (MIMIC-IV's
   * subject_id, FHIR's Patient.id): what an auditor can look up, unlike our UUID.
   */
  patient: { source: string; externalId: string } | null;
};

type PatientName = NonNullable<AccessLogRow["patient"]>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Source ids of the patients the entries name, directly or through a run (two queries a page). */
async function patientNames(rows: { resourceType: string; resourceId: string | null }[]) {
  const ids = (type: string) => [
    ...new Set(
      rows.filter((r) => r.resourceType === type && r.resourceId && UUID.test(r.resourceId)).map((r) => r.resourceId!),
    ),
  ];
  const select = { id: true, source: true, externalId: true } as const;
  const [patients, runs] = await Promise.all([
    db.patient.findMany({ where: { id: { in: ids("patient") } }, select }),
    db.predictionRun.findMany({ where: { id: { in: ids("run") } }, select: { id: true, patient: { select } } }),
  ]);
  const names = new Map<string, PatientName>();
  for (const { id, source, externalId } of patients) names.set(`patient:${id}`, { source, externalId });
  for (const { id, patient } of runs)
    names.set(`run:${id}`, { source: patient.source, externalId: patient.externalId });
  return names;
}

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
  const names = await patientNames(rows);
  return rows.map(({ user, id, userId: _userId, ...row }) => ({
    ...row,
    id: id.toString(),
    email: user?.email ?? null,
    patient: names.get(`${row.resourceType}:${row.resourceId}`) ?? null,
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
  "patientSource",
  "patientExternalId",
] as const;

/** Every matching row as CSV, newest first, read in pages so memory stays flat. */
export function accessLogCsv(filter: AccessLogFilter): Readable {
  async function* rows() {
    let before: bigint | undefined;
    for (;;) {
      const batch = await page(filter, before, 1000);
      for (const { patient, ...row } of batch) {
        yield {
          ...row,
          at: row.at.toISOString(),
          patientSource: patient?.source ?? "",
          patientExternalId: patient?.externalId ?? "",
        };
      }
      if (batch.length < 1000) return;
      before = BigInt(batch[batch.length - 1].id);
    }
  }
  return Readable.from(rows()).pipe(stringify({ header: true, columns: [...ACCESS_LOG_COLUMNS] }));
}
