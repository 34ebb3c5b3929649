// The patient list: server-side search by external id or name, keyset pagination.
import { db } from "../../db";

export type PatientListItem = {
  id: string;
  source: string;
  externalId: string;
  name: string | null;
  gender: string | null;
  anchorAge: number | null;
  admissions: number;
};

export type PatientPage = { patients: PatientListItem[]; nextCursor: string | null };

export async function listPatients(options: { q?: string; cursor?: string; limit?: number }): Promise<PatientPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const q = options.q?.trim();
  const rows = await db.patient.findMany({
    where: q ? { OR: [{ externalId: { startsWith: q } }, { name: { contains: q, mode: "insensitive" } }] } : undefined,
    orderBy: [{ externalId: "asc" }, { id: "asc" }],
    take: limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      source: true,
      externalId: true,
      name: true,
      gender: true,
      anchorAge: true,
      _count: { select: { encounters: { where: { kind: "admission" } } } },
    },
  });
  const page = rows.slice(0, limit);
  return {
    patients: page.map(({ _count, ...patient }) => ({ ...patient, admissions: _count.encounters })),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}
