import Link from "next/link";
import type { ReasoningStep } from "@/lib/model/parse/split-steps";
import type { EvidenceLink } from "@/lib/runs/evidence";
import { patientTimelineHref, stepSegments } from "@/lib/runs/evidence-segments";

type Props = {
  steps: ReasoningStep[];
  evidence: EvidenceLink[];
  patientId: string;
  cutoff: string;
  streaming: boolean;
};

function evidenceTitle(link: EvidenceLink): string {
  const value = link.valueNum === null ? "" : ` ${link.valueNum}${link.unit ? ` ${link.unit}` : ""}`;
  return `${link.category}: ${link.label}${value} at ${link.time.replace("T", " ").slice(0, 16)}${link.flag ? ` (${link.flag})` : ""}`;
}

/**
 * Each step is its own element with a stable id (#step-<id>) so reviews can flag and link one
 * step; names of record items in the text link to the event on the patient's timeline.
 */
export function ReasoningSteps({ steps, evidence, patientId, cutoff, streaming }: Props) {
  if (!steps.length) {
    return streaming ? <p className="text-sm text-slate-600 dark:text-slate-400">Waiting for the model…</p> : null;
  }
  return (
    <ol className="space-y-2" data-testid="reasoning-steps">
      {steps.map((step, index) => {
        const newSection = index === 0 || steps[index - 1].section !== step.section;
        const last = index === steps.length - 1;
        return (
          <li key={step.id} id={`step-${step.id}`} data-step-id={step.id} className="scroll-mt-16">
            {newSection && step.section ? (
              <h3 className="mt-3 mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
                {step.section}
              </h3>
            ) : null}
            <div className="group flex gap-2 rounded border border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900">
              <a
                href={`#step-${step.id}`}
                className="shrink-0 font-mono text-xs text-slate-600 hover:text-sky-700 dark:text-slate-400 dark:hover:text-sky-400"
                aria-label={`Link to step ${step.id}`}
              >
                {step.id}
              </a>
              <p className="min-w-0 flex-1 leading-relaxed whitespace-pre-wrap">
                {stepSegments(step, evidence).map((segment, i) =>
                  segment.evidence ? (
                    <Link
                      key={i}
                      href={patientTimelineHref(patientId, cutoff, segment.evidence.eventId)}
                      title={evidenceTitle(segment.evidence)}
                      className="rounded bg-sky-50 text-sky-800 underline decoration-dotted underline-offset-2 hover:bg-sky-100 dark:bg-sky-950 dark:text-sky-300"
                      data-testid="evidence-link"
                    >
                      {segment.text}
                    </Link>
                  ) : (
                    <span key={i}>{segment.text}</span>
                  ),
                )}
                {streaming && last ? (
                  <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-sky-600 align-text-bottom" />
                ) : null}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function EvidenceList({ evidence, patientId, cutoff }: Omit<Props, "steps" | "streaming">) {
  if (!evidence.length) return null;
  return (
    <section aria-labelledby="evidence-heading" className="space-y-2">
      <h2 id="evidence-heading" className="text-sm font-semibold">
        Evidence named in the reasoning
      </h2>
      <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {evidence.map((link) => (
          <li key={link.eventId} className="flex items-baseline justify-between gap-2 px-3 py-1.5">
            <Link
              href={patientTimelineHref(patientId, cutoff, link.eventId)}
              className="min-w-0 truncate text-sky-700 underline dark:text-sky-400"
            >
              {link.label}
            </Link>
            <span className="shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-400">
              {link.valueNum === null ? link.category : `${link.valueNum} ${link.unit ?? ""}`}
              {link.flag ? ` · ${link.flag}` : ""} · {link.time.replace("T", " ").slice(5, 16)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
