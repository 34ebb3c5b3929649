// Notes: DocumentReference text (plain and HTML), DiagnosticReport text or conclusion, and the
// rule that keeps a Synthea-style repeated note once (linked and identical) but never drops
// a different one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlToText } from "./notes";
import { TempDir, bundle, readAll } from "./test-support";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const patient = { resourceType: "Patient", id: "p1" };
const loincNote = { coding: [{ system: "http://loinc.org", code: "11506-3", display: "Progress note" }] };

const report = (id: string, extra: Record<string, unknown>) => ({
  resourceType: "DiagnosticReport",
  id,
  status: "final",
  code: loincNote,
  subject: { reference: "urn:uuid:p1" },
  effectiveDateTime: "2020-05-01T09:00:00Z",
  issued: "2020-05-01T11:00:00Z",
  ...extra,
});
const document = (id: string, text: string, contentType: string, extra: Record<string, unknown> = {}) => ({
  resourceType: "DocumentReference",
  id,
  status: "current",
  type: loincNote,
  subject: { reference: "urn:uuid:p1" },
  date: "2020-05-01T11:00:00Z",
  context: { period: { start: "2020-04-28T00:00:00Z" } },
  content: [{ attachment: { contentType, data: b64(text) } }],
  ...extra,
});

let tmp: TempDir;
beforeAll(async () => {
  tmp = await TempDir.create();
});
afterAll(() => tmp.remove());

describe("notes", () => {
  it("decodes plain and HTML DocumentReferences; time is when the document was written", async () => {
    const file = await tmp.json(
      "docs.json",
      bundle("collection", [
        patient,
        document("plain", "Día 1: stable.\n", "text/plain; charset=utf-8"),
        document(
          "html",
          "<html><body><h1>Plan</h1><p>Start &amp; titrate<br/>K&lt;5</p><script>x()</script></body></html>",
          "text/html",
        ),
      ]),
    );
    const { events } = await readAll([file]);
    expect(events.map((e) => [e.provenance, e.category, e.valueText, e.label])).toEqual([
      ["DocumentReference/plain", "note", "Día 1: stable.", "Progress note"],
      ["DocumentReference/html", "note", "Plan\nStart & titrate\nK<5", "Progress note"],
    ]);
    expect(events[0].time.toISOString()).toBe("2020-05-01T11:00:00.000Z");
  });

  it("a report with presentedForm or conclusion is a note at its issue time; without, an 'other' event", async () => {
    const file = await tmp.json(
      "reports.json",
      bundle("collection", [
        patient,
        report("form", { presentedForm: [{ contentType: "text/plain", data: b64("Findings: none.") }] }),
        report("conclusion", { conclusion: "Normal chest X-ray." }),
        report("panel", {
          code: { coding: [{ system: "http://loinc.org", code: "24323-8", display: "Comprehensive metabolic panel" }] },
          result: [{ reference: "Observation/x" }],
        }),
      ]),
    );
    const { events } = await readAll([file]);
    expect(events.map((e) => [e.provenance, e.category, e.valueText])).toEqual([
      ["DiagnosticReport/form", "note", "Findings: none."],
      ["DiagnosticReport/conclusion", "note", "Normal chest X-ray."],
      ["DiagnosticReport/panel", "other", null],
    ]);
    expect(events[0].time.toISOString()).toBe("2020-05-01T11:00:00.000Z");
    expect(events[2].time.toISOString()).toBe("2020-05-01T09:00:00.000Z");
    expect(events[2]).toMatchObject({
      label: "Comprehensive metabolic panel",
      code: "24323-8",
      attributes: { results: 1 },
    });
  });

  it("a report repeating a linked DocumentReference's text is skipped; a different text stays", async () => {
    const file = await tmp.json(
      "repeated.json",
      bundle("transaction", [
        patient,
        // Reports first, as in Synthea: the reader still keeps the DocumentReference.
        report("same", { presentedForm: [{ contentType: "text/plain", data: b64("Note A") }] }),
        report("differs", { presentedForm: [{ contentType: "text/plain", data: b64("Note B, amended") }] }),
        document("doc-same", "Note A", "text/plain", {
          identifier: [{ system: "urn:ietf:rfc:3986", value: "urn:uuid:same" }],
        }),
        document("doc-differs", "Note B", "text/plain", {
          context: { related: [{ reference: "DiagnosticReport/differs" }] },
        }),
      ]),
    );
    const result = await readAll([file]);
    expect(result.events.map((e) => e.provenance).sort()).toEqual([
      "DiagnosticReport/differs",
      "DocumentReference/doc-differs",
      "DocumentReference/doc-same",
    ]);
    expect(result.skipped.get("DiagnosticReport (same note as a DocumentReference)")).toBe(1);
  });

  it("htmlToText keeps line structure and decodes entities", () => {
    expect(htmlToText("<ul><li>a &#233;</li><li>b&#x21;</li></ul><style>p{}</style>")).toBe("a é\nb!");
  });
});
