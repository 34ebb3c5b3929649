import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { NewPredictionForm } from "@/components/prediction/new-prediction-form";
import { RecordViewer } from "@/components/timeline/record-viewer";
import { logAccess } from "@/lib/auth/access-log";
import { requirePageUser } from "@/lib/auth/guard";
import { hasAnyRole } from "@/lib/auth/roles";
import { API_POLICY } from "@/lib/auth/route-policy";
import { findEventSelection } from "@/lib/ehr/queries/find-event-selection";
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
  searchParams: Promise<{ cutoff?: string | string[]; event?: string }>;
}) {
  const user = await requirePageUser("/patients/[id]");
  const [{ id }, { cutoff, event }] = await Promise.all([params, searchParams]);
  const patient = await findPatient(id);
  const selection = await findEventSelection(patient.id, event);
  const canStartRuns = hasAnyRole(user.roles, API_POLICY["POST /api/runs"]);
  await logAccess({
    user,
    action: "view",
    resourceType: "patient",
    resourceId: patient.id,
    route: "GET /patients/[id]",
    headers: await headers(),
  });
  return (
    <>
      {canStartRuns ? (
        <details className="mb-2 rounded border border-slate-200 bg-white px-3 py-1.5 text-sm dark:border-slate-800 dark:bg-slate-900">
          <summary className="cursor-pointer font-medium">New prediction for this patient</summary>
          <div className="py-2">
            <NewPredictionForm patientId={patient.id} />
          </div>
        </details>
      ) : null}
      <RecordViewer
        patient={toPatientSummary(patient)}
        initialCutoff={parseCutoff(cutoff)}
        initialSelection={selection}
        syncCutoffToUrl
      />
    </>
  );
}
