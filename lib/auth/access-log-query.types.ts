// The query of GET /api/admin/access-log: filters, a keyset cursor, and json or a csv export.
import { z } from "zod";
import { QueryTime } from "../http/parse-input";

export const AccessLogQuery = z.object({
  email: z.string().max(200).optional(),
  resourceType: z.string().max(50).optional(),
  resourceId: z.string().max(100).optional(),
  from: QueryTime.optional(),
  to: QueryTime.optional(),
  cursor: z.string().max(200).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});
