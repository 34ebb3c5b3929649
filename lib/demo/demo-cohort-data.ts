// Whether the database holds patients other than the synthetic demo cohort: the sign-in page
// promises "synthetic patients only" just while it does not. The demo cohort is the one
// import read from a folder seedDemoCohort made (its prefix below); a patient of any other
// import, or whose import record is gone, counts as real.
import "server-only";
import { db } from "../db";

export const DEMO_COHORT_DIR_PREFIX = "ehr-demo-cohort-";

export async function holdsNonDemoPatients(): Promise<boolean> {
  const pattern = `%/${DEMO_COHORT_DIR_PREFIX}%`;
  const [row] = await db.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM patient p
      LEFT JOIN import_job j ON j.id = p."importJobId"
      WHERE j.id IS NULL OR j.sources::text NOT LIKE ${pattern}
    ) AS found`;
  return row.found;
}
