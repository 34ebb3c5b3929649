import { HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { PatientRecord } from "@/components/patients/patient-record";
import { prefetchRecordView } from "@/lib/ehr/queries/prefetch-record-view";
import { RecordViewer } from "@/components/timeline/record-viewer";
import { logPageView, mayCall, requirePageUser } from "@/lib/api/guard";
import { findEventSelection } from "@/lib/ehr/queries/find-event-selection";
import { parseCutoff } from "@/lib/ehr/timeline/cutoff";
import { parseRecordUrlState } from "@/lib/ehr/timeline/record-url-state";
import { getPatient } from "@/lib/ehr/queries/get-patient";
import { redactAfterCutoff } from "@/lib/ehr/timeline/patient-summary";
import { toPatientSummary } from "@/lib/ehr/queries/to-patient-summary";
import { requirePatient } from "@/lib/ehr/queries/require-patient";
import { NotFoundError } from "@/lib/http/errors";
import { eventWindowFor } from "@/lib/auth/blind-rules";

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
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("/patients/[id]");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { cutoff, event } = query;
  const patient = await findPatient(id);
  // Blind review: while this user still has to rate the patient, the record ends at the
  // item's cut-off here too, and no run may be started (its creator would see the truth).
  const blind = await eventWindowFor(user, patient.id);
  const hiddenAfter = blind.visibleUntil?.toISOString() ?? null;
  const found = await findEventSelection(patient.id, typeof event === "string" ? event : undefined);
  const selection = found && (!blind.visibleUntil || found.time <= blind.visibleUntil.getTime()) ? found : null;
  const canStartRuns = !hiddenAfter && mayCall("POST /api/runs", user);
  const summary = toPatientSummary(patient);
  await logPageView("/patients/[id]", user, patient.id);
  const initialCutoff = hiddenAfter ?? parseCutoff(cutoff);
  const viewerPatient = hiddenAfter ? redactAfterCutoff(summary, hiddenAfter) : summary;
  // The timeline's opening reads start now and stream to the browser with the page.
  const prefetched = prefetchRecordView({
    patient: viewerPatient,
    initialCutoff,
    blind: hiddenAfter !== null,
    // The viewer reads its view from the address, except in blind review.
    fromUrl: hiddenAfter ? null : parseRecordUrlState(searchParamsOf(query)),
    selection,
  });
  return (
    <HydrationBoundary state={prefetched}>
      {hiddenAfter ? (
        <RecordViewer
          patient={viewerPatient}
          initialCutoff={hiddenAfter}
          initialSelection={selection}
          hideAfterCutoff
          wheelZoom="always"
        />
      ) : (
        <PatientRecord
          patient={summary}
          initialCutoff={initialCutoff}
          initialSelection={selection}
          canStartRuns={canStartRuns}
        />
      )}
    </HydrationBoundary>
  );
}

function searchParamsOf(query: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}
