import { NextResponse } from "next/server";
import { z } from "zod";
import { logAccess } from "@/lib/auth/access-log";
import { guardedRoute } from "@/lib/auth/guard";
import { importRoots, resolveServerPath, saveUploads } from "@/lib/ehr/import/import-sources";
import { startImport } from "@/lib/ehr/import/import-runner";
import { listImportJobs } from "@/lib/ehr/import/list-import-jobs";
import { ValidationError } from "@/lib/http/errors";
import { parseBody } from "@/lib/http/parse-input";

const Format = z.enum(["mimic-iv", "fhir"]).optional();
const FromDirectory = z.object({
  directory: z.string().min(1, "name a folder on the server"),
  format: Format,
  dryRun: z.boolean().optional(),
});

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/admin/imports", async () =>
  NextResponse.json({ jobs: await listImportJobs(), roots: importRoots() }),
);

// JSON {directory} reads a server folder inside IMPORT_DIRS; multipart/form-data uploads
// files ("files", with their relative paths in "paths") and imports those.
export const POST = guardedRoute("POST /api/admin/imports", async ({ request, user }) => {
  const databaseUrl = process.env.DATABASE_URL!;
  let jobId: string;
  if (request.headers.get("content-type")?.includes("multipart/form-data")) {
    const form = await request.formData();
    const files = form.getAll("files").filter((value): value is File => value instanceof File);
    const names = form.getAll("paths").map(String);
    const format = Format.safeParse(form.get("format") || undefined);
    if (!format.success) throw new ValidationError("format must be mimic-iv or fhir");
    const folder = await saveUploads(
      files.map((file, i) => ({ name: names[i] || file.name, stream: () => file.stream() })),
    );
    jobId = await startImport({
      databaseUrl,
      paths: [folder],
      format: format.data,
      dryRun: form.get("dryRun") === "true",
      createdById: user.id,
      removeAfter: folder,
    });
  } else {
    const input = await parseBody(FromDirectory, request);
    const directory = resolveServerPath(input.directory);
    jobId = await startImport({
      databaseUrl,
      paths: [directory],
      format: input.format,
      dryRun: input.dryRun,
      createdById: user.id,
    });
  }
  await logAccess({ user, action: "create", resourceType: "import", resourceId: jobId, headers: request.headers });
  return NextResponse.json({ jobId }, { status: 202 });
});
