// The query of GET /api/patients.
import { z } from "zod";
import { PATIENT_SORTS } from "./list-patients";

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
