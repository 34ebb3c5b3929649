// DiagnosticReport and DocumentReference → note events (text in valueText), or, for a report
// without text, an "other" event naming the report.
import type { EventRecord } from "../import-record";
import { conceptsText } from "./codes";
import { firstTime, toEvent } from "./event";
import type { MapContext } from "./map-context";
import { attachmentText, documentLinks, reportKeys } from "./notes";
import type { DiagnosticReport, DocumentReference } from "./schemas";

export function mapDiagnosticReport(report: DiagnosticReport, ctx: MapContext): EventRecord[] {
  const patientExternalId = ctx.patient(report.subject, "subject");
  const encounterExternalId = ctx.encounter(report.encounter, "encounter");
  const form = attachmentText(report.presentedForm);
  const text = [form?.text, report.conclusion?.trim()].filter(Boolean).join("\n\n");
  if (form && ctx.notes.isDocumented(reportKeys(report.id, ctx.location.fullUrl), form.text)) {
    ctx.skip("DiagnosticReport (same note as a DocumentReference)");
    return [];
  }
  const effective = {
    effectiveDateTime: report.effectiveDateTime,
    "effectivePeriod.start": report.effectivePeriod?.start,
  };
  return [
    toEvent(
      {
        resource: report,
        patientExternalId,
        encounterExternalId,
        category: text ? "note" : "other",
        concept: report.code,
        // A report's text exists once issued; its clinical time is the effective time. For a note
        // the issue time is what a cut-off must respect (no reading a report before it existed).
        time: text
          ? firstTime({ issued: report.issued, ...effective })
          : firstTime({ ...effective, issued: report.issued }),
        endTime: report.effectivePeriod?.end,
        attributes: {
          status: report.status,
          category: conceptsText(report.category),
          conclusionCode: conceptsText(report.conclusionCode),
          results: report.result?.length,
          contentType: form?.contentType,
        },
      },
      { valueText: text || null },
    ),
  ];
}

export function mapDocumentReference(document: DocumentReference, ctx: MapContext): EventRecord[] {
  const patientExternalId = ctx.patient(document.subject, "subject");
  const encounterExternalId = ctx.encounter(document.context?.encounter?.[0], "context.encounter");
  const form = attachmentText(document.content?.map((c) => c.attachment));
  if (!form) {
    // PDFs, images, or text held elsewhere (attachment.url): nothing to show in a timeline.
    ctx.skip("DocumentReference without inline text");
    return [];
  }
  const period = document.context?.period;
  // `date` is when the document was written; the service period may start long before
  // (a discharge summary's period starts at admission). Prefer the former for cut-offs.
  const time = firstTime({
    date: document.date,
    "context.period.end": period?.end,
    "context.period.start": period?.start,
  });
  const links = [
    ...(document.identifier ?? []).map((i) => i.value),
    ...(document.context?.related ?? []).map((r) => r.reference),
  ];
  ctx.notes.addDocument(documentLinks(links), form.text);
  return [
    toEvent(
      {
        resource: document,
        patientExternalId,
        encounterExternalId,
        category: "note",
        concept: document.type,
        time,
        attributes: {
          status: document.status,
          docStatus: document.docStatus,
          category: conceptsText(document.category),
          description: document.description,
          contentType: form.contentType,
          periodStart: period?.start?.date.toISOString(),
          periodEnd: period?.end?.date.toISOString(),
        },
      },
      { valueText: form.text },
    ),
  ];
}
