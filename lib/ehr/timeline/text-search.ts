// Searching note text in the browser: case-insensitive matches, split into marked parts for
// highlighting, and a snippet around the first match for the list.
export type TextPart = { text: string; match: boolean };

function escape(query: string): string {
  return query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function countMatches(text: string, query: string): number {
  const q = query.trim();
  if (!q) return 0;
  return text.match(new RegExp(escape(q), "gi"))?.length ?? 0;
}

export function splitMatches(text: string, query: string): TextPart[] {
  const q = query.trim();
  if (!q) return [{ text, match: false }];
  return text
    .split(new RegExp(`(${escape(q)})`, "gi"))
    .filter((part) => part !== "")
    .map((part) => ({ text: part, match: part.toLowerCase() === q.toLowerCase() }));
}

/** About `radius` characters either side of the first match (or the opening), on one line. */
export function snippet(text: string, query: string, radius = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const at = query.trim() ? flat.toLowerCase().indexOf(query.trim().toLowerCase()) : -1;
  if (at < 0) return flat.slice(0, radius * 2) + (flat.length > radius * 2 ? "…" : "");
  const start = Math.max(0, at - radius);
  const end = Math.min(flat.length, at + query.trim().length + radius);
  return `${start > 0 ? "…" : ""}${flat.slice(start, end)}${end < flat.length ? "…" : ""}`;
}
