// The patient list: server-side search (subject id prefix, name, exact patient id), filters
// (source, has runs, assigned to the viewer), sorting, and keyset pages in both directions,
// with each patient's admission, event and run counts.
import "server-only";
import { db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { likePattern } from "./event-filter";
import type { PatientListItem, PatientPage, PatientSort } from "./list-patients.types";
import { decodePatientCursor, encodePatientCursor, type PatientCursor } from "./patient-cursor";

export type PatientListOptions = {
  q?: string;
  source?: string;
  hasRuns?: boolean;
  /** Only patients with an open (not released) assignment for `viewerId`. */
  assignedOnly?: boolean;
  /** Who is looking: decides `assignedToMe`. */
  viewerId?: string;
  sort?: PatientSort;
  order?: "asc" | "desc";
  cursor?: string;
  limit?: number;
};

/** The value each sort orders by; never null, so (key, id) comparisons stay total. */
const SORT_KEYS: Record<PatientSort, { expression: Prisma.Sql; type: Prisma.Sql }> = {
  externalId: { expression: Prisma.sql`"externalId"`, type: Prisma.sql`text` },
  name: { expression: Prisma.sql`coalesce("name", '')`, type: Prisma.sql`text` },
  admissions: { expression: Prisma.sql`"admissions"`, type: Prisma.sql`int` },
  events: { expression: Prisma.sql`"events"`, type: Prisma.sql`int` },
  runs: { expression: Prisma.sql`"runs"`, type: Prisma.sql`int` },
  lastAdmission: {
    expression: Prisma.sql`coalesce((extract(epoch FROM "lastAdmission") * 1000)::float8, -1)`,
    type: Prisma.sql`float8`,
  },
};

// Assigned to the viewer: an item they hold or rated; not one released or skipped (no longer theirs).
function openAssignment(viewerId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "assignment" a JOIN "queue_item" qi ON qi."id" = a."queueItemId"
    WHERE qi."patientId" = pa."id" AND a."userId" = ${viewerId} AND a."status" NOT IN ('released', 'skipped'))`;
}

function filters(options: PatientListOptions): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  const q = options.q?.trim();
  if (q) {
    conditions.push(
      Prisma.sql`(pa."externalId" LIKE ${`${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}
        OR pa."name" ILIKE ${likePattern(q)} OR pa."id" = ${q})`,
    );
  }
  if (options.source) conditions.push(Prisma.sql`pa."source" = ${options.source}`);
  if (options.hasRuns !== undefined) {
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM "prediction_run" r WHERE r."patientId" = pa."id")`;
    conditions.push(options.hasRuns ? exists : Prisma.sql`NOT ${exists}`);
  }
  if (options.assignedOnly) conditions.push(openAssignment(options.viewerId ?? ""));
  return Prisma.join(conditions, " AND ");
}

type PatientRow = Omit<PatientListItem, "deathTime" | "lastAdmission"> & {
  deathTime: Date | null;
  lastAdmission: Date | null;
  sortKey: string | number;
};

export async function listPatients(options: PatientListOptions): Promise<PatientPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const sort = options.sort ?? "externalId";
  const order = options.order ?? "asc";
  const cursor: PatientCursor | undefined = options.cursor ? decodePatientCursor(options.cursor) : undefined;
  const backward = cursor?.direction === "prev";
  // Walking back reads the rows before the cursor in reverse order, then flips them.
  const ascending = (order === "asc") !== backward;
  const key = SORT_KEYS[sort];
  const direction = ascending ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const after = cursor
    ? Prisma.sql`AND ("sortKey", "id") ${ascending ? Prisma.sql`>` : Prisma.sql`<`}
        (CAST(${cursor.key} AS ${key.type}), ${cursor.id})`
    : Prisma.empty;
  const where = filters(options);

  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<PatientRow[]>`
      WITH listed AS (
        SELECT pa."id", pa."source", pa."externalId", pa."name", pa."gender", pa."anchorAge", pa."deathTime",
          (SELECT count(*)::int FROM "encounter" e WHERE e."patientId" = pa."id" AND e."kind" = 'admission') AS "admissions",
          (SELECT max(e."start") FROM "encounter" e WHERE e."patientId" = pa."id" AND e."kind" = 'admission') AS "lastAdmission",
          (SELECT count(*)::int FROM "event" ev WHERE ev."patientId" = pa."id") AS "events",
          (SELECT count(*)::int FROM "prediction_run" r WHERE r."patientId" = pa."id") AS "runs",
          ${options.viewerId ? openAssignment(options.viewerId) : Prisma.sql`false`} AS "assignedToMe"
        FROM "patient" pa
        WHERE ${where}
      ), keyed AS (SELECT *, ${key.expression} AS "sortKey" FROM listed)
      SELECT * FROM keyed
      WHERE TRUE ${after}
      ORDER BY "sortKey" ${direction}, "id" ${direction}
      LIMIT ${limit + 1}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS "total" FROM "patient" pa WHERE ${where}`,
  ]);

  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backward) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const position = (row: PatientRow, direction: PatientCursor["direction"]) =>
    encodePatientCursor({ key: row.sortKey, id: row.id, direction });
  return {
    patients: page.map(({ sortKey: _sortKey, deathTime, lastAdmission, ...row }) => ({
      ...row,
      deathTime: deathTime?.toISOString() ?? null,
      lastAdmission: lastAdmission?.toISOString() ?? null,
    })),
    nextCursor: last && (backward || hasMore) ? position(last, "next") : null,
    prevCursor: first && (backward ? hasMore : cursor !== undefined) ? position(first, "prev") : null,
    total,
  };
}

/** The sources present, for the list's source filter. */
export async function listPatientSources(): Promise<string[]> {
  const rows = await db.patient.findMany({
    distinct: ["source"],
    select: { source: true },
    orderBy: { source: "asc" },
  });
  return rows.map((row) => row.source);
}
