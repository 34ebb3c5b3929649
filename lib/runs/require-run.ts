// A route about one run answers 404 for an id that is not a run (malformed or unknown).
import "server-only";
import { z } from "zod";
import { db } from "../db";
import { NotFoundError } from "../http/errors";

export async function requireRun(id: string) {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError("Run");
  const run = await db.predictionRun.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      patientId: true,
      taskKey: true,
      backendId: true,
      cutoff: true,
      createdById: true,
      batchId: true,
    },
  });
  if (!run) throw new NotFoundError("Run");
  return run;
}
