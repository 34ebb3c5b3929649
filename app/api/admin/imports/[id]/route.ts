import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { getImportJob } from "@/lib/ehr/import/list-import-jobs";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/admin/imports/[id]", async ({ params }) =>
  NextResponse.json({ job: await getImportJob(params.id) }),
);
