// The patient at the top of the record: who (demographics as the source gives them), how
// much is recorded, and each admission, which zooms the timeline to it when chosen.
import type { ReactNode } from "react";
import { formatSpan, formatTime } from "@/lib/ehr/timeline/time-axis";
import type { EncounterSummary, PatientSummary } from "@/lib/ehr/timeline/patient-summary";

type PatientHeaderProps = {
  patient: PatientSummary;
  onAdmission: (admission: EncounterSummary) => void;
};

function Fact({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline gap-1">
      <dt className="text-slate-600 dark:text-slate-400">{name}</dt>
      <dd className="font-medium tabular-nums">{children}</dd>
    </div>
  );
}

export function PatientHeader({ patient, onAdmission }: PatientHeaderProps) {
  const admissions = patient.encounters.filter((encounter) => encounter.kind === "admission");
  const icuStays = patient.encounters.filter((encounter) => encounter.kind === "icu_stay");
  const age =
    patient.anchorAge !== null
      ? `${patient.anchorAge} y${patient.anchorYear !== null ? ` in ${patient.anchorYear}` : ""}`
      : patient.birthDate
        ? `born ${patient.birthDate.slice(0, 10)}`
        : "—";
  return (
    <header className="bg-white px-2 py-1.5 dark:bg-slate-900">
      <div className="flex flex-wrap items-baseline gap-x-5 gap-y-1">
        <h1 className="text-lg font-semibold">
          <span className="font-mono">{patient.externalId}</span>
          {patient.name ? <span className="ml-2 font-normal">{patient.name}</span> : null}
        </h1>
        <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs">
          <Fact name="Sex">{patient.gender ?? "—"}</Fact>
          <Fact name="Age">{age}</Fact>
          <Fact name="Source">{patient.source}</Fact>
          {patient.deathTime ? <Fact name="Died">{formatTime(patient.deathTime).slice(0, 10)}</Fact> : null}
          <Fact name="Admissions">{admissions.length}</Fact>
          <Fact name="ICU stays">{icuStays.length}</Fact>
          {patient.eventCount !== null ? <Fact name="Events">{patient.eventCount.toLocaleString("en-US")}</Fact> : null}
        </dl>
      </div>
      {admissions.length > 0 ? (
        <ol aria-label="Admissions" className="mt-1 flex gap-1 overflow-x-auto pb-0.5 text-xs">
          {admissions.map((admission, index) => (
            <li key={admission.id} className="shrink-0">
              <button
                type="button"
                onClick={() => onAdmission(admission)}
                title={[admission.label, admission.detail].filter(Boolean).join(" · ")}
                className="rounded border border-sky-300 bg-sky-50 px-1.5 py-0.5 text-left text-sky-950 hover:bg-sky-100 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100 dark:hover:bg-sky-900"
              >
                <span className="font-medium">#{index + 1}</span>{" "}
                <span className="tabular-nums">{formatTime(admission.start).slice(0, 10)}</span>
                {admission.end ? (
                  <span className="text-sky-800 dark:text-sky-300">
                    {" "}
                    · {formatSpan(Date.parse(admission.end) - Date.parse(admission.start))}
                  </span>
                ) : (
                  <span className="text-sky-800 dark:text-sky-300"> · open</span>
                )}{" "}
                · {admission.label}
              </button>
            </li>
          ))}
        </ol>
      ) : null}
    </header>
  );
}
