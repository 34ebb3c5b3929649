// The query and answer of GET /api/patients, apart from the read (list-patients.ts): the
// browser and the route table use them.
import { z } from "zod";

export const PATIENT_SORTS = ["externalId", "name", "admissions", "events", "lastAdmission", "runs"] as const;
export type PatientSort = (typeof PATIENT_SORTS)[number];

export const ListPatientsQuery = z.object({
  q: z.string().max(200).optional(),
  source: z.string().max(50).optional(),
  hasRuns: z.enum(["true", "false"]).optional(),
  assigned: z.literal("me").optional(),
  sort: z.enum(PATIENT_SORTS).optional(),
  order: z.enum(["asc", "desc"]).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export type PatientListItem = {
  id: string;
  source: string;
  externalId: string;
  name: string | null;
  gender: string | null;
  anchorAge: number | null;
  deathTime: string | null;
  admissions: number;
  events: number;
  runs: number;
  lastAdmission: string | null;
  assignedToMe: boolean;
};

export type PatientPage = {
  patients: PatientListItem[];
  nextCursor: string | null;
  prevCursor: string | null;
  /** Patients matching the search and filters, on all pages. */
  total: number;
};
