"use client";

// The patient page: the record, and (for those who may start runs) "New prediction" above
// it, whose cut-off is the timeline's: what the reader set on the timeline is what they mean
// to predict at.
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { parseCutoff } from "@/lib/ehr/timeline/cutoff";
import type { PatientSummary } from "@/lib/ehr/timeline/patient-summary";
import { NewPredictionForm } from "../prediction/new-prediction-form";
import { RecordViewer } from "../timeline/record-viewer";
import type { Selection } from "../timeline/selection";

export function PatientRecord(props: {
  patient: PatientSummary;
  initialCutoff: string | null;
  initialSelection: Selection | null;
  canStartRuns: boolean;
}) {
  const searchParams = useSearchParams();
  // The address first: after Back it holds the cut-off the reader left, the props the first visit's.
  const [cutoff, setCutoff] = useState(() => parseCutoff(searchParams?.get("cutoff")) ?? props.initialCutoff);
  // The form (and its reads of the tasks and backends) comes when first opened, not with every
  // record; once opened it stays, so what was chosen survives closing it.
  const [formOpened, setFormOpened] = useState(false);
  return (
    <>
      {props.canStartRuns ? (
        <details
          onToggle={(event) => {
            if (event.currentTarget.open) setFormOpened(true);
          }}
          className="mb-2 rounded border border-slate-200 bg-white px-3 py-1.5 text-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <summary className="cursor-pointer font-medium">New prediction for this patient</summary>
          <div className="py-2">
            {formOpened ? <NewPredictionForm patientId={props.patient.id} timelineCutoff={cutoff} /> : null}
          </div>
        </details>
      ) : null}
      <RecordViewer
        patient={props.patient}
        initialCutoff={props.initialCutoff}
        initialSelection={props.initialSelection}
        onCutoffChange={setCutoff}
        syncUrl
        wheelZoom="always"
      />
    </>
  );
}
