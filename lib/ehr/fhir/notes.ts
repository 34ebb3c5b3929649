// Clinical note text from attachments, and the index that keeps one note from landing twice.
//
// Synthea writes every note twice: as a DiagnosticReport.presentedForm and as a
// DocumentReference whose identifier is the report's fullUrl, with the same base64 text. Both
// would put the same note in the timeline (and in the prompt) twice. A DocumentReference
// records which report it repeats; the report is then skipped when its text is the same. Only
// an explicit link plus identical text counts: two notes that merely read alike both stay.
import { createHash } from "node:crypto";
import { parseReference } from "./references";
import type { Attachment } from "./schemas";

export type NoteText = { text: string; contentType: string };

/** The text of the first text/plain attachment with inline data, else the first text/html one. */
export function attachmentText(attachments: Attachment[] | undefined): NoteText | null {
  const inline = (attachments ?? []).filter((a) => a.data);
  const plain = inline.find((a) => mediaType(a) === "text/plain");
  const html = inline.find((a) => mediaType(a) === "text/html");
  const chosen = plain ?? html;
  if (!chosen?.data) return null;
  const decoded = Buffer.from(chosen.data, "base64").toString(charset(chosen));
  const text = chosen === plain ? decoded : htmlToText(decoded);
  return { text: text.trim(), contentType: mediaType(chosen) };
}

function mediaType(attachment: Attachment): string {
  return (attachment.contentType ?? "").split(";")[0].trim().toLowerCase();
}

function charset(attachment: Attachment): BufferEncoding {
  const declared = /charset=([\w-]+)/i.exec(attachment.contentType ?? "")?.[1]?.toLowerCase();
  return declared === "iso-8859-1" || declared === "latin1" || declared === "windows-1252" ? "latin1" : "utf8";
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Readable text from an HTML note: block ends become line breaks, tags go, entities decode. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6]|table|ul|ol)\s*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Keys a DiagnosticReport can be named by: its fullUrl, urn:uuid:<id>, DiagnosticReport/<id>. */
export function reportKeys(id: string, fullUrl: string | undefined): string[] {
  return [...new Set([fullUrl, `urn:uuid:${id}`, `DiagnosticReport/${id}`].filter((k): k is string => !!k))];
}

/** A DocumentReference's links to a report (identifier values, context.related), normalised. */
export function documentLinks(values: (string | undefined)[]): string[] {
  return values.flatMap((value) => {
    if (!value) return [];
    if (value.startsWith("urn:uuid:")) return [value];
    const parsed = parseReference(value);
    const target = parsed.kind === "literal" ? parsed.target : null;
    return target?.type === "DiagnosticReport" ? [`DiagnosticReport/${target.id}`, value] : [value];
  });
}

export class NoteIndex {
  // Report key → digest of the text of the DocumentReference naming it. A short digest rather
  // than the text: a bulk export can hold millions of notes.
  private readonly documented = new Map<string, string>();

  addDocument(links: string[], text: string): void {
    if (links.length === 0) return;
    const d = digest(text);
    for (const link of links) this.documented.set(link, d);
  }

  /** True when a DocumentReference already carried this report's very text. */
  isDocumented(keys: string[], text: string): boolean {
    const d = digest(text);
    return keys.some((key) => this.documented.get(key) === d);
  }
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64").slice(0, 16);
}
