// The JSON body of POST /api/admin/imports (a server folder); the same route also takes a
// multipart/form-data upload ("files", "paths", "format", "dryRun").
import { z } from "zod";

export const ImportFormat = z.enum(["mimic-iv", "fhir"]).optional();

export const ImportFromDirectoryRequest = z.object({
  directory: z.string().min(1, "name a folder on the server"),
  format: ImportFormat,
  dryRun: z.boolean().optional(),
});
