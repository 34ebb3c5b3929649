import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { importRoots, resolveServerPath, saveUploads } from "@/lib/ehr/import/import-sources";
import { ImportFormat } from "@/lib/ehr/import/import-request.types";
import { startImport } from "@/lib/ehr/import/import-runner";
import { listImportJobs } from "@/lib/ehr/import/list-import-jobs";
import { ValidationError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/admin/imports", async () =>
  NextResponse.json({ jobs: await listImportJobs(), roots: importRoots() }),
);

// JSON {directory} reads a server folder inside IMPORT_DIRS (the guard has parsed it);
// multipart/form-data uploads files ("files", with their relative paths in "paths") and
// imports those.
export const POST = guardedRoute("POST /api/admin/imports", async ({ request, user, body }) => {
  const databaseUrl = process.env.DATABASE_URL!;
  let jobId: string;
  if (!body) {
    const form = await request.formData();
    const files = form.getAll("files").filter((value): value is File => value instanceof File);
    const names = form.getAll("paths").map(String);
    const format = ImportFormat.safeParse(form.get("format") || undefined);
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
    const directory = resolveServerPath(body.directory);
    jobId = await startImport({
      databaseUrl,
      paths: [directory],
      format: body.format,
      dryRun: body.dryRun,
      createdById: user.id,
    });
  }
  return NextResponse.json({ jobId }, { status: 202 });
});
