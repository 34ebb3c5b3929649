// Predicted item names back to dictionary concepts (d_labitems, d_items, d_icd_*), so a
// prediction can be stored with its code. Exact label (ignoring case) first, then a normalized
// form; the model answers with names, never codes, so names are all there is to match on.

export type Concept = { system: string; code: string; label: string };

export type ItemMatch = {
  item: string;
  rank: number;
  match: "exact" | "normalized" | null;
  /** The concept's own label when matched. */
  label?: string;
  code?: string;
  codeSystem?: string;
};

/** Lower case, "&" → "and", punctuation to spaces, collapsed whitespace. */
export function normalizeLabel(label: string): string {
  return label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
}

/**
 * `systems` orders preference when several concepts share a label (an ICD-9 and an ICD-10
 * title, say): the first listed system wins; otherwise the first concept given.
 */
export function matchItems(
  items: readonly string[],
  concepts: readonly Concept[],
  systems: readonly string[] = [],
): ItemMatch[] {
  const preference = (c: Concept) => {
    const i = systems.indexOf(c.system);
    return i < 0 ? systems.length : i;
  };
  const exact = new Map<string, Concept>();
  const normalized = new Map<string, Concept>();
  for (const concept of concepts) {
    for (const [map, key] of [
      [exact, concept.label.trim().toLowerCase()],
      [normalized, normalizeLabel(concept.label)],
    ] as const) {
      const current = map.get(key);
      if (!current || preference(concept) < preference(current)) map.set(key, concept);
    }
  }
  return items.map((item, index) => {
    const rank = index + 1;
    const byLabel = exact.get(item.trim().toLowerCase());
    if (byLabel)
      return { item, rank, match: "exact", label: byLabel.label, code: byLabel.code, codeSystem: byLabel.system };
    const byForm = normalized.get(normalizeLabel(item));
    if (byForm)
      return { item, rank, match: "normalized", label: byForm.label, code: byForm.code, codeSystem: byForm.system };
    return { item, rank, match: null };
  });
}
