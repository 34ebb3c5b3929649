import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { RecordViewer } from "@/components/timeline/record-viewer";
import { logAccess } from "@/lib/auth/access-log";
import { requirePageUser } from "@/lib/auth/guard";
import { parseCutoff } from "@/lib/ehr/queries/cutoff";
import { getPatient } from "@/lib/ehr/queries/get-patient";
import { toPatientSummary } from "@/lib/ehr/queries/patient-summary";
import { requirePatient } from "@/lib/ehr/queries/require-patient";
import { NotFoundError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";
export const metadata = { title: "Patient record" };

async function findPatient(id: string) {
  try {
    return await getPatient(await requirePatient(id));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export default async function PatientPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ cutoff?: string | string[] }>;
}) {
  const user = await requirePageUser("/patients/[id]");
  const [{ id }, { cutoff }] = await Promise.all([params, searchParams]);
  const patient = await findPatient(id);
  await logAccess({
    user,
    action: "view",
    resourceType: "patient",
    resourceId: patient.id,
    route: "GET /patients/[id]",
    headers: await headers(),
  });
  return <RecordViewer patient={toPatientSummary(patient)} initialCutoff={parseCutoff(cutoff)} syncCutoffToUrl />;
}
