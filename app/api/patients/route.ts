import { NextResponse } from "next/server";
import { guardedRoute } from "@/lib/api/guard";
import { listPatients } from "@/lib/ehr/queries/list-patients";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("GET /api/patients", async ({ user, query }) => {
  const { hasRuns, assigned, ...filters } = query;
  return NextResponse.json(
    await listPatients({
      ...filters,
      hasRuns: hasRuns === undefined ? undefined : hasRuns === "true",
      assignedOnly: assigned === "me",
      viewerId: user.id,
    }),
  );
});
